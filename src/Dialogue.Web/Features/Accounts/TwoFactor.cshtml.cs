using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

public class TwoFactorModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    StaffTwoFactor staffTwoFactor,
    IStringLocalizer<Text> text) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public const string RecoveryCodesKey = "RecoveryCodes";

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool BrowserRemembered { get; private set; }

    /// <summary>An admin requires two-factor authentication for this member's role.</summary>
    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        BrowserRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        Required = await IsRequiredAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (await IsRequiredAsync(ct))
        {
            TempData["Status"] = text["An admin requires two-factor authentication for your role, so it cannot be turned off."].Value;
            return RedirectToPage();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // A fresh key next time: the old one may be on a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = text["Two-factor authentication is now off."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        TempData[RecoveryCodesKey] = codes?.ToArray() ?? [];
        return RedirectToPage("RecoveryCodes");
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        TempData["Status"] = text["This browser will ask for a code again at the next sign-in."].Value;
        return RedirectToPage();
    }

    private async Task<bool> IsRequiredAsync(CancellationToken ct) =>
        StaffTwoFactor.IsStaff(User) && await staffTwoFactor.IsRequiredAsync(ct);
}
