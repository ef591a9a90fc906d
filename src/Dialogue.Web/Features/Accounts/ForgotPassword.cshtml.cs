using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Answers the same whether or not an account uses the address, so the form reveals nobody's membership.</summary>
[EnableRateLimiting(RateLimitOptions.Accounts)]
public class ForgotPasswordModel(
    UserManager<DialogueUser> users,
    AccountEmails emails,
    DialogueDbContext db,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Data.Email.Trim()) is { } user)
        {
            await emails.QueuePasswordResetAsync(user, await users.GeneratePasswordResetTokenAsync(user));
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = text["If an account uses that address, we have sent it a link to choose a new password. The link works for one day."].Value;
        return RedirectToPage();
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";
    }
}
