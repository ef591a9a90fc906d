using System.Globalization;

namespace Dialogue.Web.Infrastructure.Localization;

public static class SupportedCultures
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";

    public static readonly IReadOnlyList<CultureInfo> All = [new(English), new(SimplifiedChinese)];

    public static bool IsSupported(string? name) =>
        name is not null && All.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The culture for an email to someone whose profile says <paramref name="name"/>.</summary>
    public static CultureInfo For(string? name) => IsSupported(name) ? new CultureInfo(name!) : All[0];
}
