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
public class SignInRecoveryCodeModel(SignInManager<DialogueUser> signIn, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("SignIn", new { ReturnUrl });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Data.Code.Replace(" ", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return SignInModel.AfterSignIn(this, user, ReturnUrl);
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("Lockout");
        }
        ModelState.AddModelError(string.Empty, text["That recovery code is not valid. Each code works only once."]);
        return Page();
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(32, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Recovery code")]
        public string Code { get; set; } = "";
    }
}
