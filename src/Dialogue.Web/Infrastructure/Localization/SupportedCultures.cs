using System.Globalization;

namespace Dialogue.Web.Infrastructure.Localization;

public static class SupportedCultures
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";

    // Read-only and shared: the localization middleware hands a request a read-only copy of a writable culture, so a
    // writable one here meant a new culture, with its date formats worked out again, on every request.
    public static readonly IReadOnlyList<CultureInfo> All = [CultureInfo.GetCultureInfo(English), CultureInfo.GetCultureInfo(SimplifiedChinese)];

    public static bool IsSupported(string? name) => Find(name) is not null;

    /// <summary>The culture for an email to someone whose profile says <paramref name="name"/>.</summary>
    public static CultureInfo For(string? name) => Find(name) ?? All[0];

    private static CultureInfo? Find(string? name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
