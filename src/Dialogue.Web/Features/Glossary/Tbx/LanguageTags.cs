using System.Globalization;

namespace Dialogue.Web.Features.Glossary.Tbx;

public static class LanguageTags
{
    /// <summary>
    /// The tag in its canonical case (zh-hans → zh-Hans) when the runtime's ICU data knows the language, else null:
    /// a tag nobody can read (a typo, "english") is refused rather than stored as a language of its own.
    /// </summary>
    public static string? Canonical(string tag)
    {
        tag = tag.Trim();
        if (tag.Length is 0 or > 35 || tag.Equals("iv", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
