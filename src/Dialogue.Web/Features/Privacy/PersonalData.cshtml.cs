using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// The member's own data: download all of it as JSON, or delete the account. Both name the member in the request and
/// answer 404 for anyone else's id (admins included), like an id that does not exist.
/// </summary>
[EnableRateLimiting(RateLimitOptions.Accounts)]
public class PersonalDataModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    CurrentViewer current,
    PersonalDataExport export,
    PersonalDataErasure erasure,
    TimeProvider clock,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public DeleteCommand Data { get; set; } = new();

    public string MemberId { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Show(user);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string memberId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        if (!AccessPolicy.CanManagePersonalData(viewer, memberId) || await export.MemberAsync(memberId, viewer, ct) is not { } json)
        {
            return NotFound();
        }
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(json, "application/json", $"dialogue-personal-data-{date}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string memberId, CancellationToken ct)
    {
        if (!AccessPolicy.CanManagePersonalData(await current.GetAsync(ct), memberId) || await users.FindByIdAsync(memberId) is not { } user)
        {
            return NotFound();
        }
        Show(user);
        if (!Data.Confirm)
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(DeleteCommand.Confirm)}", text["Tick the box to confirm that you want your account deleted."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Data.Password))
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(DeleteCommand.Password)}", text["That is not your password."]);
            return Page();
        }
        if (user.TwoFactorEnabled && !await SecondFactorAsync(user))
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(DeleteCommand.Code)}",
                text["Enter the code from your authenticator app, or one of your recovery codes."]);
            return Page();
        }
        await erasure.EraseMemberAsync(user.Id, ct);
        await signIn.SignOutAsync();
        TempData["Status"] = text["Your account has been deleted. Your posts remain, shown as written by “Deleted member”."].Value;
        return Redirect("/");
    }

    private async Task<bool> SecondFactorAsync(DialogueUser user)
    {
        var code = (Data.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            return false;
        }
        return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded;
    }

    private void Show(DialogueUser user)
    {
        MemberId = user.Id;
        TwoFactorEnabled = user.TwoFactorEnabled;
    }

    public sealed class DeleteCommand
    {
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string Password { get; set; } = "";

        [StringLength(20, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Two-factor code or recovery code")]
        public string? Code { get; set; }

        [Display(Name = "I understand that my account and the data listed above are erased and that this cannot be undone.")]
        public bool Confirm { get; set; }
    }
}
