using Dialogue.Data.Accounts;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The member's signed-in browsers, each of which they can sign out (or all but this one).</summary>
public class SessionsModel(
    UserManager<DialogueUser> users,
    SessionsStore sessions,
    CurrentViewer current,
    IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<UserSession> Active { get; private set; } = [];

    public string? ThisSessionId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        ThisSessionId = SessionsStore.IdOf(User);
        Active = await sessions.ActiveAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string memberId, string sessionId, CancellationToken ct)
    {
        if (!AccessPolicy.CanManagePersonalData(await current.GetAsync(ct), memberId) || string.IsNullOrEmpty(sessionId))
        {
            return NotFound();
        }
        if (sessionId == SessionsStore.IdOf(User))
        {
            return RedirectToPage("/Accounts/SignOut");
        }
        await sessions.EndAsync(memberId, sessionId, ct);
        TempData["Status"] = text["That session is signed out: the browser is asked to sign in again within a minute."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(string memberId, CancellationToken ct)
    {
        if (!AccessPolicy.CanManagePersonalData(await current.GetAsync(ct), memberId) || SessionsStore.IdOf(User) is not { } keep)
        {
            return NotFound();
        }
        var ended = await sessions.EndOthersAsync(memberId, keep, ct);
        TempData["Status"] = text["Other sessions signed out: {0}.", ended].Value;
        return RedirectToPage();
    }
}
