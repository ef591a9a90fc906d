using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Identity's tokens contain '+', '/' and '='; links carry them base64url-encoded.</summary>
public static class LinkCodes
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <returns>The token, or null when the code was mangled (a truncated or hand-edited link).</returns>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
