using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Abbreviations;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.GenericAttributes;
using Markdig.Extensions.MediaLinks;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Dialogue.Web.Features.Threads.Markdown;

/// <summary>
/// Markdown → safe HTML, once, when a post is written. Markdig (advanced extensions, no raw HTML,
/// no generic attributes, no media embeds) then HtmlSanitizer with a short allow-list: no script, no
/// style attributes, no iframes, no images (they would load from other origins), no ids (they could
/// clobber the page's), no classes (they could imitate a sensitivity label); links get
/// rel="nofollow noopener". Mentions and quotes become placeholders resolved per reader when shown
/// (<see cref="PostDisplay"/>). Every "[quote=N]" block becomes a placeholder whoever wrote it, so what is
/// stored never depends on the author's access, and the post's plain text (what search indexes) holds only
/// its own words.
/// </summary>
public sealed partial class MarkdownRenderer
{
    /// <summary>Bump when the output changes; stored posts with an older version are re-rendered when shown.</summary>
    public const int Version = 2;

    public const int MaxMentions = 20;

    private readonly MarkdownPipeline pipeline;
    private readonly HtmlSanitizer sanitizer;

    public MarkdownRenderer()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml();
        builder.Extensions.TryRemove<GenericAttributesExtension>();
        builder.Extensions.TryRemove<MediaLinkExtension>();
        builder.Extensions.TryRemove<AutoIdentifierExtension>();
        // An abbreviation defined anywhere applies everywhere: one typed inside a quote would carry the quoted post's
        // words out of its placeholder (into title attributes of the post's own words).
        builder.Extensions.TryRemove<AbbreviationExtension>();
        pipeline = builder.Build();

        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in AllowedTags)
        {
            sanitizer.AllowedTags.Add(tag);
        }
        sanitizer.AllowedAttributes.Clear();
        foreach (var attribute in AllowedAttributes)
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }
        sanitizer.UriAttributes.Clear();
        sanitizer.UriAttributes.Add("href");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = true;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("rel", "nofollow noopener");
            }
        };
    }

    private static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del", "s",
        "ins", "mark", "sub", "sup", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
        "td", "caption", "a", "abbr", "cite", "q", "kbd", "samp", "var", "small", "span", "div", "figure", "figcaption",
    ];

    private static readonly string[] AllowedAttributes = ["href", "title", "colspan", "rowspan", "start", "rel", "lang", "dir"];

    /// <summary>Parses and sanitises; the mentions and quote markers found wait for the caller to resolve them.</summary>
    public ParsedPost Parse(string source)
    {
        var html = Markdig.Markdown.ToHtml(source ?? "", pipeline);
        var clean = sanitizer.Sanitize(html);
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + clean + "</body></html>");
        var body = document.Body!;
        ShiftHeadings(document, body);
        return new ParsedPost(document, FindHandles(body), FindQuotes(body));
    }

    /// <summary>
    /// Writes the placeholders for the quotes and for the mentions the caller resolved (handle → user id), and
    /// returns the HTML to store with the post's own words as plain text. Unresolved mentions stay plain text.
    /// </summary>
    public static FinishedPost Finish(ParsedPost parsed, IReadOnlyDictionary<string, string> mentions)
    {
        var body = parsed.Document.Body!;
        foreach (var blockquote in body.QuerySelectorAll("blockquote").ToList())
        {
            if (QuoteMarker(blockquote) is { } marker)
            {
                RemoveMarker(marker);
                blockquote.SetAttribute("data-quote", marker.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        if (mentions.Count > 0)
        {
            foreach (var text in MentionableTextNodes(body).ToList())
            {
                ReplaceMentions(parsed.Document, text, mentions);
            }
        }
        return new FinishedPost(body.InnerHtml, OwnWords(body));
    }

    /// <summary>
    /// The words a post says itself: its text without quoted posts (their words belong to their own label) and
    /// without mentions (the typed handle is an email address readers never see). Blocks are separated by line breaks.
    /// </summary>
    private static string OwnWords(IElement body)
    {
        var text = new System.Text.StringBuilder();
        AppendOwnWords(body, text);
        var spaced = HorizontalSpace().Replace(text.ToString(), " ");
        return LineBreaks().Replace(spaced, "\n").Trim();
    }

    private static void AppendOwnWords(INode node, System.Text.StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when e.HasAttribute("data-quote") || e.HasAttribute("data-mention"):
                    text.Append(' ');
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement e when InlineTags.Contains(e.LocalName):
                    AppendOwnWords(e, text);
                    break;
                case IElement e:
                    text.Append('\n');
                    AppendOwnWords(e, text);
                    text.Append('\n');
                    break;
            }
        }
    }

    private static readonly HashSet<string> InlineTags =
        ["a", "abbr", "cite", "code", "del", "em", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "var"];

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex HorizontalSpace();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreaks();

    /// <summary>
    /// The Markdown of a post without the words it quotes from other posts, for the Quote button: each quote block
    /// (found in Markdig's syntax tree, so odd Markdown cannot hide one) becomes a bare reference "&gt; [quote=N]",
    /// which renders as a placeholder resolved per reader. The result is rendered again and must hold only empty
    /// quote placeholders; when it does not, the post's own words as escaped plain text are used instead.
    /// </summary>
    public string WithoutQuotedWords(string source)
    {
        source = (source ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdig.Markdown.Parse(source, pipeline);
        var quotes = document.Descendants<QuoteBlock>()
            .Select(q => (Block: q, PostId: QuotedPostId(q)))
            .Where(q => q.PostId is not null)
            .ToList();
        var outermost = quotes
            .Where(q => !quotes.Any(o => o.Block != q.Block && o.Block.Span.Start <= q.Block.Span.Start && q.Block.Span.End <= o.Block.Span.End))
            .OrderByDescending(q => q.Block.Span.Start)
            .ToList();
        var own = source;
        foreach (var (block, postId) in outermost)
        {
            var end = Math.Min(block.Span.End + 1, own.Length);
            own = own[..block.Span.Start] + "> [quote=" + postId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" + own[end..];
        }
        var check = Parse(own).Document.Body!;
        return QuotesAreEmpty(check) ? own : MarkdownEscapable().Replace(Finish(Parse(source), new Dictionary<string, string>()).PlainText, @"\$1");
    }

    /// <summary>Replaces each "@handle" in Markdown that <paramref name="nameOf"/> names (by its lower-case handle) with "@" and the name, escaped.</summary>
    public static string ReplaceMentions(string source, Func<string, string?> nameOf) =>
        MentionPattern().Replace(source, m => nameOf(m.Groups[1].Value.ToLowerInvariant()) is { } name
            ? "@" + MarkdownEscapable().Replace(name, @"\$1")
            : m.Value);

    /// <summary>The post a quote block quotes, decided as <see cref="QuoteMarker"/> decides it on the HTML: the block's first paragraph starts with the marker.</summary>
    private static long? QuotedPostId(QuoteBlock quote)
    {
        if (quote.FirstOrDefault() is not ParagraphBlock { Inline: { } inline })
        {
            return null;
        }
        var leading = new System.Text.StringBuilder();
        foreach (var item in inline)
        {
            if (item is LiteralInline literal)
            {
                leading.Append(literal.Content.ToString());
            }
            else if (item is HtmlEntityInline entity)
            {
                leading.Append(entity.Transcoded.ToString());
            }
            else if (item is LineBreakInline)
            {
                leading.Append('\n');
            }
            else
            {
                break;
            }
        }
        var match = QuotePattern().Match(leading.ToString());
        return match.Success && long.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static bool QuotesAreEmpty(IElement body) =>
        body.QuerySelectorAll("blockquote").All(quote => QuoteMarker(quote) is not { } marker
            || string.IsNullOrWhiteSpace(quote.TextContent.Remove(quote.TextContent.IndexOf(marker.Match.Value, StringComparison.Ordinal), marker.Match.Length)));

    [GeneratedRegex(@"([\\`*_{}\[\]()<>#+\-.!|~&@:=])")]
    private static partial Regex MarkdownEscapable();

    /// <summary>"@handle" where handle is an email address or its local part (see <see cref="Mentions"/>).</summary>
    [GeneratedRegex(@"(?<![\w@.+-])@([A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)")]
    private static partial Regex MentionPattern();

    /// <summary>The first line of a quote: "[quote=123]" (what the Quote button prefills).</summary>
    [GeneratedRegex(@"^\s*\[quote=(\d{1,18})\]\s*")]
    private static partial Regex QuotePattern();

    private static IReadOnlyList<string> FindHandles(IElement body) =>
        [.. MentionableTextNodes(body)
            .SelectMany(t => MentionPattern().Matches(t.Data).Select(m => m.Groups[1].Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxMentions)];

    private static IReadOnlyList<long> FindQuotes(IElement body) =>
        [.. body.QuerySelectorAll("blockquote").Select(QuoteMarker).OfType<Marker>().Select(m => m.PostId).Distinct()];

    private sealed record Marker(IText Text, Match Match, long PostId);

    private static Marker? QuoteMarker(IElement blockquote)
    {
        if (blockquote.FirstElementChild is not { LocalName: "p" } first || first.FirstChild is not IText text)
        {
            return null;
        }
        var match = QuotePattern().Match(text.Data);
        return match.Success && long.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? new Marker(text, match, id)
            : null;
    }

    private static void RemoveMarker(Marker marker)
    {
        var paragraph = marker.Text.ParentElement!;
        marker.Text.Data = marker.Text.Data[marker.Match.Length..];
        if (string.IsNullOrWhiteSpace(paragraph.TextContent) && paragraph.Children.Length == 0)
        {
            paragraph.Remove();
        }
        else if (paragraph.FirstChild is IElement { LocalName: "br" } br)
        {
            br.Remove();
        }
    }

    private static IEnumerable<IText> MentionableTextNodes(IElement root)
    {
        foreach (var node in root.ChildNodes)
        {
            switch (node)
            {
                case IText text when text.Data.Contains('@', StringComparison.Ordinal):
                    yield return text;
                    break;
                case IElement { LocalName: "code" or "pre" or "a" or "kbd" or "samp" }:
                    break;
                case IElement { LocalName: "blockquote" } quote when QuoteMarker(quote) is not null:
                    break; // words quoted from another post do not mention anyone again
                case IElement element:
                    foreach (var inner in MentionableTextNodes(element))
                    {
                        yield return inner;
                    }
                    break;
            }
        }
    }

    private static void ReplaceMentions(IDocument document, IText text, IReadOnlyDictionary<string, string> mentions)
    {
        var data = text.Data;
        var parent = text.Parent!;
        var position = 0;
        var changed = false;
        var fragment = document.CreateDocumentFragment();
        foreach (Match match in MentionPattern().Matches(data))
        {
            if (!mentions.TryGetValue(match.Groups[1].Value.ToLowerInvariant(), out var userId))
            {
                continue;
            }
            changed = true;
            fragment.AppendChild(document.CreateTextNode(data[position..match.Index]));
            var span = document.CreateElement("span");
            span.SetAttribute("data-mention", userId);
            span.TextContent = match.Value;
            fragment.AppendChild(span);
            position = match.Index + match.Length;
        }
        if (!changed)
        {
            return;
        }
        fragment.AppendChild(document.CreateTextNode(data[position..]));
        parent.ReplaceChild(fragment, text);
    }

    /// <summary>A post's headings sit under the page's h1 and the thread's h2: # becomes h3, and so on (at most h6).</summary>
    private static void ShiftHeadings(IDocument document, IElement body)
    {
        foreach (var heading in body.QuerySelectorAll("h1, h2, h3, h4, h5, h6").ToList())
        {
            var level = Math.Min(6, heading.LocalName[1] - '0' + 2);
            var replacement = document.CreateElement("h" + level);
            while (heading.FirstChild is { } child)
            {
                replacement.AppendChild(child);
            }
            heading.Parent!.ReplaceChild(replacement, heading);
        }
    }
}

/// <summary>A sanitised post waiting for its mentions and quotes to be resolved.</summary>
public sealed record ParsedPost(IHtmlDocument Document, IReadOnlyList<string> Handles, IReadOnlyList<long> QuotedPostIds);

/// <summary>The HTML to store (placeholders for quotes and mentions) and the post's own words as plain text.</summary>
public sealed record FinishedPost(string Html, string PlainText);
