using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// Language tags and per-language collation. A tag is accepted when it has BCP 47's common shape (language, optional
/// script, optional region: en, zh-Hans, pt-BR, sr-Latn-RS) AND the runtime's ICU knows it as a predefined culture,
/// so "english" or "xx" is refused with a message instead of being stored and never matched.
/// </summary>
public static partial class LanguageTags
{
    [GeneratedRegex("^(?<language>[A-Za-z]{2,3})(?:-(?<script>[A-Za-z]{4}))?(?:-(?<region>[A-Za-z]{2}|[0-9]{3}))?$")]
    private static partial Regex Shape();

    /// <summary>The tag in canonical case (zh-Hans, pt-BR), or null when it is not a known BCP 47 language tag.</summary>
    public static string? Canonical(string? tag)
    {
        var match = Shape().Match(tag?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }
        var canonical = match.Groups["language"].Value.ToLowerInvariant();
        if (match.Groups["script"].Success)
        {
            var script = match.Groups["script"].Value;
            canonical += "-" + char.ToUpperInvariant(script[0]) + script[1..].ToLowerInvariant();
        }
        if (match.Groups["region"].Success)
        {
            canonical += "-" + match.Groups["region"].Value.ToUpperInvariant();
        }
        return CultureOf(canonical) is null ? null : canonical;
    }

    /// <summary>The language's own name with its tag, e.g. "中文（简体） zh-Hans".</summary>
    public static string DisplayName(string tag) => CultureOf(tag) is { } culture ? $"{culture.NativeName} ({tag})" : tag;

    /// <summary>Chinese is sorted by pinyin when the runtime's ICU has the zh collation; otherwise by code point.</summary>
    public static bool ChineseSortsByPinyin { get; } = DetectPinyinCollation();

    /// <summary>Sorts one language's terms by that language's collation (Chinese: pinyin, or code point when unavailable).</summary>
    public static StringComparer Comparer(string tag)
    {
        if (IsChinese(tag) && !ChineseSortsByPinyin)
        {
            return StringComparer.Ordinal;
        }
        return StringComparer.Create(CultureOf(tag) ?? CultureInfo.InvariantCulture, ignoreCase: true);
    }

    public static bool IsChinese(string tag) => tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The index letter a term files under: its first letter without accents, upper-cased (A–Z, А–Я, …); for Chinese
    /// the pinyin initial, found by comparing with the first character of each initial in ICU's pinyin order; "#" for
    /// digits and symbols, and for Chinese when the collation is not available.
    /// </summary>
    public static string IndexKey(string tag, string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            return "#";
        }
        if (IsChinese(tag) && IsHan(trimmed[0]))
        {
            return ChineseSortsByPinyin ? PinyinInitial(trimmed) : "#";
        }
        var first = char.IsSurrogate(trimmed[0]) ? trimmed[..2] : trimmed[..1];
        var bare = first.Normalize(NormalizationForm.FormD)[..1];
        return bare.Length == 1 && char.IsLetter(bare[0]) ? bare.ToUpper(CultureOf(tag) ?? CultureInfo.InvariantCulture) : "#";
    }

    /// <summary>The first character of each pinyin initial in ICU's zh (pinyin) collation; I, U and V start no syllable.</summary>
    private static readonly (string Letter, string First)[] PinyinBoundaries =
    [
        ("A", "阿"), ("B", "八"), ("C", "嚓"), ("D", "哒"), ("E", "妸"), ("F", "发"), ("G", "旮"), ("H", "哈"), ("J", "讥"),
        ("K", "咔"), ("L", "垃"), ("M", "痳"), ("N", "拏"), ("O", "噢"), ("P", "妑"), ("Q", "七"), ("R", "呥"), ("S", "扨"),
        ("T", "它"), ("W", "穵"), ("X", "夕"), ("Y", "丫"), ("Z", "帀"),
    ];

    private static string PinyinInitial(string text)
    {
        var compare = CultureInfo.GetCultureInfo("zh-Hans").CompareInfo;
        var first = text[..1];
        var letter = "#";
        foreach (var (candidate, boundary) in PinyinBoundaries)
        {
            if (compare.Compare(first, boundary) < 0)
            {
                break;
            }
            letter = candidate;
        }
        return letter;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>安 (ān) sorts before 北 (běi) in pinyin, after it in code point order (U+5B89 > U+5317).</summary>
    private static bool DetectPinyinCollation() => CultureOf("zh-Hans") is { } zh && zh.CompareInfo.Compare("安", "北") < 0;

    private static CultureInfo? CultureOf(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return null; // not a language ICU knows: the caller treats the tag as unknown
        }
    }
}
