using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

[EnableRateLimiting(RateLimitOptions.Accounts)]
public class ResetPasswordModel(UserManager<DialogueUser> users, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public Command Data { get; set; } = new();

    public bool LinkIsBroken { get; private set; }

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
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Data.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkIsBroken = true;
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        // The link reached the account's mailbox: that confirms the address, and ends a lockout the owner did not cause.
        user.EmailConfirmed = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        TempData["Status"] = text["Your password has been changed. Sign in with the new one."].Value;
        return RedirectToPage("SignIn");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the new password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
