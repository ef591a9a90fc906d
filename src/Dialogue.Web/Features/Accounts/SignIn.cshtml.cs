using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

[EnableRateLimiting(RateLimitOptions.Accounts)]
public class SignInModel(
    SignInManager<DialogueUser> signIn,
    UserManager<DialogueUser> users,
    AccountEmails emails,
    DialogueDbContext db,
    TimeProvider clock,
    IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Display(Name = "Email address")]
    public string? ResendEmail { get; set; }

    /// <summary>The password was right but the address is not confirmed yet.</summary>
    public bool Unconfirmed { get; private set; }

    /// <summary>The password was right but the account is suspended.</summary>
    public bool Suspended { get; private set; }

    public DateTimeOffset? SuspendedUntil { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Data.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, text["Wrong email address or password."]);
            return Page();
        }
        if (Suspension.HasLapsed(user, clock.GetUtcNow()))
        {
            user.Status = AccountStatus.Active;
            user.SuspendedUntil = null;
            user.SuspensionReason = null;
            await users.UpdateAsync(user);
        }

        var result = await signIn.PasswordSignInAsync(user, Data.Password, Data.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return AfterSignIn(this, user, ReturnUrl);
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl, Data.RememberMe });
        }
        if (result.IsLockedOut)
        {
            return RedirectToPage("Lockout");
        }
        // "Not allowed" is decided before the password is checked; only someone who knows the password learns why.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Data.Password))
        {
            if (Suspension.IsInForce(user, clock.GetUtcNow()))
            {
                Suspended = true;
                SuspendedUntil = user.SuspendedUntil;
            }
            else if (!user.EmailConfirmed)
            {
                Unconfirmed = true;
                ResendEmail = user.Email;
            }
            return Page();
        }
        ModelState.AddModelError(string.Empty, text["Wrong email address or password."]);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        if (!string.IsNullOrWhiteSpace(ResendEmail)
            && await users.FindByEmailAsync(ResendEmail.Trim()) is { EmailConfirmed: false } user)
        {
            var culture = user.UiCulture is null ? CultureInfo.CurrentUICulture : SupportedCultures.For(user.UiCulture);
            await emails.QueueConfirmationAsync(user, await users.GenerateEmailConfirmationTokenAsync(user), culture);
            await db.SaveChangesAsync();
        }
        TempData["Status"] = text["If an account with that address is waiting for confirmation, we have sent it a new link."].Value;
        return RedirectToPage("SignIn", new { ReturnUrl });
    }

    /// <summary>Where a member goes once signed in: a pending account first sees that it awaits approval.</summary>
    internal static IActionResult AfterSignIn(PageModel page, DialogueUser user, string? returnUrl)
    {
        if (user.Status == AccountStatus.PendingApproval)
        {
            return page.RedirectToPage("/Accounts/Pending");
        }
        return page.LocalRedirect(page.Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this computer")]
        public bool RememberMe { get; set; }
    }
}
