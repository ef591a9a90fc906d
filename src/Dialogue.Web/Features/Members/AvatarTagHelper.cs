using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Dialogue.Web.Features.Members;

/// <summary>
/// &lt;member-avatar user-id="..." name="..." size="40" /&gt;: the member's initials on a colour derived from their id, as
/// inline SVG. Drawn by the app (no avatar service learns who reads what) with presentation attributes only, because
/// the CSP forbids inline style. Decorative: the name always stands next to it.
/// </summary>
[HtmlTargetElement("member-avatar", TagStructure = TagStructure.WithoutEndTag)]
public sealed class AvatarTagHelper : TagHelper
{
    /// <summary>Dark enough for white initials to keep a contrast of at least 4.5:1.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#1565c0", "#6a1b9a", "#2e7d32", "#ad1457", "#00695c", "#4e342e", "#c62828", "#37474f", "#283593", "#8e24aa"];

    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public int Size { get; set; } = 40;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(Svg(UserId, Name, Size));
    }

    // One concatenation: a thread page draws twenty of these per view.
    public static string Svg(string userId, string name, int size)
    {
        var side = size.ToString(CultureInfo.InvariantCulture);
        return string.Concat([
            "<svg class=\"avatar\" width=\"", side, "\" height=\"", side, "\" viewBox=\"0 0 40 40\" aria-hidden=\"true\" focusable=\"false\">",
            "<circle cx=\"20\" cy=\"20\" r=\"20\" fill=\"", ColourOf(userId), "\"/>",
            "<text x=\"20\" y=\"20\" dy=\".35em\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"16\" font-family=\"system-ui, sans-serif\" font-weight=\"600\">",
            WebUtility.HtmlEncode(Initials(name)), "</text></svg>"]);
    }

    /// <summary>A stable colour per account: FNV-1a over the id, so it is the same on every node and after every restart.</summary>
    public static string ColourOf(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return Palette[(int)(hash % (uint)Palette.Count)];
    }

    /// <summary>"Ada Lovelace" → "AL"; "王伟" → "王" (one character of a name written without spaces).</summary>
    public static string Initials(string name)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "?";
        }
        var first = FirstLetter(words[0]);
        if (words.Length == 1 || !IsLatinLike(first))
        {
            return first;
        }
        return first + FirstLetter(words[^1]);
    }

    private static string FirstLetter(string word) =>
        StringInfo.GetNextTextElement(word).ToUpper(CultureInfo.InvariantCulture);

    private static bool IsLatinLike(string letter) => letter.Length > 0 && letter[0] < 0x2E80;
}
