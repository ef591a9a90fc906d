using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dialogue.Web.Infrastructure.Email;

public sealed record RenderedEmail(string Html, string Text);

/// <summary>
/// Renders an email template (a Razor component, which encodes everything it outputs) to HTML,
/// and derives the plain-text part from that HTML so the two never disagree.
/// </summary>
public sealed class EmailRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<RenderedEmail> RenderAsync<TTemplate>(IDictionary<string, object?> parameters) where TTemplate : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return new RenderedEmail(html, ToText(html));
    }

    // Paragraph-like blocks are separated by a blank line; list items, rows and line breaks by a line break only,
    // so a list reads as a list in a plain-text mail client.
    private static readonly HashSet<string> ParagraphElements =
        new(StringComparer.OrdinalIgnoreCase) { "P", "DIV", "H1", "H2", "H3", "H4", "HR", "UL", "OL", "TABLE", "BLOCKQUOTE", "PRE", "SECTION", "HEADER", "FOOTER" };

    private static readonly HashSet<string> LineElements = new(StringComparer.OrdinalIgnoreCase) { "LI", "TR", "BR" };

    private const char ParagraphBreak = '\u2029';

    public static string ToText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Append(document.Body!, text, preformatted: false);
        var lines = text.ToString().Split('\n')
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0)
            .Select(l => l.Trim(ParagraphBreak, ' ').Length == 0 ? "" : l.Replace(ParagraphBreak.ToString(), "", StringComparison.Ordinal));
        return string.Join('\n', CollapseBlankLines(lines)).Trim() + "\n";
    }

    private static void Append(INode node, StringBuilder text, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(preformatted ? t.Data : t.Data.Replace('\n', ' '));
                    break;
                case IElement { LocalName: "style" or "script" or "head" }:
                    break;
                case IElement { LocalName: "a" } a:
                    var label = a.TextContent.Trim();
                    var href = a.GetAttribute("href");
                    text.Append(href is null || href == label ? label : $"{label} <{href}>");
                    break;
                case IElement e:
                    // A loose list wraps each item in <p>: its first paragraph stays on the "- " line.
                    var inItem = e.LocalName == "p" && e.ParentElement is { LocalName: "li" };
                    var paragraph = !inItem && ParagraphElements.Contains(e.TagName);
                    var line = LineElements.Contains(e.TagName) || (inItem && e.PreviousElementSibling is not null);
                    if (paragraph) text.Append('\n').Append(ParagraphBreak).Append('\n');
                    if (line) text.Append('\n');
                    if (e.LocalName == "li") text.Append("- ");
                    Append(e, text, preformatted || e.LocalName == "pre");
                    if (paragraph) text.Append('\n').Append(ParagraphBreak).Append('\n');
                    if (line) text.Append('\n');
                    break;
            }
        }
    }

    private static IEnumerable<string> CollapseBlankLines(IEnumerable<string> lines)
    {
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank) yield return line;
                blank = true;
            }
            else
            {
                blank = false;
                yield return line;
            }
        }
    }
}
