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
public class SignInTwoFactorModel(SignInManager<DialogueUser> signIn, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

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
        var code = Data.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Data.RememberMachine);
        if (result.Succeeded)
        {
            return SignInModel.AfterSignIn(this, user, ReturnUrl);
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("Lockout");
        }
        ModelState.AddModelError(string.Empty, text["That code is not valid. Check that your phone's clock is right and enter the newest code."]);
        return Page();
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app.")]
        [StringLength(8, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
        [Display(Name = "Authenticator code")]
        public string Code { get; set; } = "";

        [Display(Name = "Don't ask for a code on this computer again")]
        public bool RememberMachine { get; set; }
    }
}
