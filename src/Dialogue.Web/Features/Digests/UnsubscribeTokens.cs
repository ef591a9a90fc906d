using System.Security.Cryptography;
using Dialogue.Data.Digests;
using Microsoft.AspNetCore.DataProtection;

namespace Dialogue.Web.Features.Digests;

/// <summary>Whose unsubscribe link this is: the recipient and the exact address the digest went to.</summary>
public sealed record UnsubscribeTarget(DigestRecipientKind Kind, string RecipientId, string Address);

/// <summary>
/// Unsubscribe tokens signed and encrypted with ASP.NET Data Protection. The payload binds the recipient to the
/// address the digest was sent to, so a token cannot be forged, altered, or used for another address; the keys
/// are in the database, so a token keeps working across restarts and on every node.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    public const string Purpose = "Dialogue.Digests.Unsubscribe.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string For(UnsubscribeTarget target) =>
        protector.Protect(string.Join('\n', (int)target.Kind, target.RecipientId, target.Address));

    /// <returns>The target, or null for a token that was not made by this site for this purpose.</returns>
    public UnsubscribeTarget? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }
        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('\n');
        if (parts.Length != 3 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var kind)
            || !Enum.IsDefined((DigestRecipientKind)kind) || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return null;
        }
        return new UnsubscribeTarget((DigestRecipientKind)kind, parts[1], parts[2]);
    }
}
