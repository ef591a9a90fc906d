using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

public class ChangePasswordModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Data.CurrentPassword, Data.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? $"{nameof(Data)}.{nameof(Command.CurrentPassword)}"
                    : string.Empty;
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        // The new security stamp ends every other session; this one is renewed.
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = text["Your password has been changed."].Value;
        return RedirectToPage("Profile");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the new password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
