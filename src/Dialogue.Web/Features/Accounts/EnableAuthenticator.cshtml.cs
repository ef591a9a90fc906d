using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Dialogue.Web.Features.Accounts;

public class EnableAuthenticatorModel(
    UserManager<DialogueUser> users,
    SignInManager<DialogueUser> signIn,
    IStringLocalizer<Text> text) : PageModel
{
    public const string Issuer = "Dialogue";

    [BindProperty]
    public Command Data { get; set; } = new();

    /// <summary>The key for typing into the app by hand, in groups of four.</summary>
    public string SharedKey { get; private set; } = "";

    /// <summary>The otpauth:// link as a QR code, a PNG inlined as a data: URI (the CSP allows data: images only).</summary>
    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("TwoFactor");
        }
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("TwoFactor");
        }
        if (ModelState.IsValid)
        {
            var code = Data.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorModel.RecoveryCodeCount);
                // Enabling changed the security stamp; renew this session's cookie so it stays valid.
                await signIn.RefreshSignInAsync(user);
                TempData[TwoFactorModel.RecoveryCodesKey] = codes?.ToArray() ?? [];
                return RedirectToPage("RecoveryCodes");
            }
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.Code)}",
                text["That code is not valid. Check that your phone's clock is right and enter the newest code."]);
        }
        await LoadKeyAsync(user);
        return Page();
    }

    private async Task LoadKeyAsync(DialogueUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = FormatKey(key);
        QrCodeDataUri = QrCode(AuthenticatorUri(user.Email ?? user.UserName ?? "", key));
    }

    public static string FormatKey(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(group => new string(group)));

    public static string AuthenticatorUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    private static string QrCode(string content)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(5));
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app.")]
        [StringLength(8, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
        [Display(Name = "Code from the app")]
        public string Code { get; set; } = "";
    }
}
