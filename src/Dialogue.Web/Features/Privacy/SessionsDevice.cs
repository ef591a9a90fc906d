namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// "Firefox on Windows" from a User-Agent: enough for a member to recognise their own browsers, and nothing more is
/// stored (no version, no build, no full string that could fingerprint them).
/// </summary>
public static class SessionsDevice
{
    public const string Unknown = "Unknown browser";

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }
        var browser = Browser(userAgent);
        var system = System(userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            ({ } b, null) => b,
            (null, { } s) => s,
            ({ } b, { } s) => $"{b} on {s}",
        };
    }

    // Order matters: Edge and Opera also claim to be Chrome, and Chrome claims to be Safari.
    private static string? Browser(string ua) =>
        Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") ? "Edge"
        : Has(ua, "OPR/") || Has(ua, "Opera") ? "Opera"
        : Has(ua, "Firefox/") || Has(ua, "FxiOS/") ? "Firefox"
        : Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/") ? "Chrome"
        : Has(ua, "Safari/") ? "Safari"
        : Has(ua, "curl/") ? "curl"
        : null;

    private static string? System(string ua) =>
        Has(ua, "iPhone") ? "iPhone"
        : Has(ua, "iPad") ? "iPad"
        : Has(ua, "Android") ? "Android"
        : Has(ua, "Windows") ? "Windows"
        : Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS"
        : Has(ua, "CrOS") ? "ChromeOS"
        : Has(ua, "Linux") ? "Linux"
        : null;

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);
}
