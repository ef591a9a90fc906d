using System.Text;

namespace Dialogue.Tests.Features.Accounts;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 rows (the RFC's 8-digit values end in these 6 digits).
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Test_helper_computes_the_RFC_6238_reference_codes(long unixSeconds, string expected)
    {
        var key = ToBase32(Encoding.ASCII.GetBytes("12345678901234567890"));
        Assert.Equal(expected, Totp.At(key, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    private static string ToBase32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.ToString();
    }
}
