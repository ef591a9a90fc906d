using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// The address changes only when the link sent to the new address is opened (ConfirmEmailChange); the old address
/// is told, so a hijacked session cannot quietly take the account.
/// </summary>
public class ChangeEmailModel(
    UserManager<DialogueUser> users,
    AccountEmails emails,
    DialogueDbContext db,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        CurrentEmail = user.Email ?? "";
        var newEmail = Data.NewEmail.Trim();
        if (string.Equals(newEmail, CurrentEmail, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.NewEmail)}", text["That is already your address."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Whether another account uses the new address is only checked when the link is opened,
        // so this form cannot be used to find out who is a member.
        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        await emails.QueueEmailChangeAsync(user, newEmail, token);
        await emails.QueueEmailChangeNoticeAsync(user, newEmail);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = text["We have sent a link to {0}. Your address changes when you open it.", newEmail].Value;
        return RedirectToPage("Profile");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "New email address")]
        public string NewEmail { get; set; } = "";
    }
}
