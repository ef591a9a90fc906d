using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// The link in the confirmation email opens a page with a button; the address is confirmed by the POST, so a mail
/// scanner that fetches links changes nothing.
/// </summary>
public class ConfirmEmailModel(UserManager<DialogueUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool LinkIsBroken { get; private set; }

    public bool Confirmed { get; private set; }

    public bool Pending { get; private set; }

    public void OnGet() => LinkIsBroken = string.IsNullOrEmpty(UserId) || LinkCodes.Decode(Code) is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var token = LinkCodes.Decode(Code);
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (user is null || token is null)
        {
            LinkIsBroken = true;
            return Page();
        }
        if (!user.EmailConfirmed && !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            LinkIsBroken = true;
            return Page();
        }
        Confirmed = true;
        Pending = user.Status == AccountStatus.PendingApproval;
        return Page();
    }
}
