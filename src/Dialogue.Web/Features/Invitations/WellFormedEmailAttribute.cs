using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Dialogue.Web.Features.Invitations;

/// <summary>
/// A single plain address (name@example.org), stricter than [EmailAddress], which accepts anything with an
/// "@" inside: no display name, no spaces, no angle brackets, a domain with a dot.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WellFormedEmailAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || string.IsNullOrEmpty(text) || IsWellFormed(text);

    public static bool IsWellFormed(string text)
    {
        var address = text.Trim();
        if (address.Length > 254 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || address.IndexOfAny(['<', '>', ',', ';', '"']) >= 0)
        {
            return false;
        }
        if (!MailAddress.TryCreate(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.Ordinal))
        {
            return false;
        }
        var host = parsed.Host;
        return parsed.User.Length is > 0 and <= 64
            && host.Contains('.', StringComparison.Ordinal)
            && host.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-'));
    }
}
