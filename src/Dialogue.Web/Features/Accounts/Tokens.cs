using System.Security.Cryptography;
using System.Text;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Random link tokens; only their hashes are stored, so a database leak gives no working link.</summary>
public static class Tokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
