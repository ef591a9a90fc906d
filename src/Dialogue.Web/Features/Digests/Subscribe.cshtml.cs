using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests;

[EnableRateLimiting(RateLimitOptions.Accounts)]
public class SubscribeModel(PublicSubscriptions subscriptions, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && !IsPlainAddress(Data.Email))
        {
            ModelState.AddModelError("Data.Email", text["Enter an email address such as name@example.org."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await subscriptions.SubscribeAsync(Data.Email, CultureInfo.CurrentUICulture, ct);
        // The same answer whether or not the address is known, so the form tells nobody who subscribes.
        TempData["Status"] = text["Thank you. If this address can receive mail, a confirmation link is on its way. Nothing is sent until you confirm."].Value;
        return RedirectToPage();
    }

    /// <summary>A bare address (no display name, no spaces), with a dot in its domain.</summary>
    internal static bool IsPlainAddress(string input)
    {
        var trimmed = input.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && string.Equals(address.Address, trimmed, StringComparison.Ordinal)
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [StringLength(256, ErrorMessage = "That address is too long.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";
    }
}
