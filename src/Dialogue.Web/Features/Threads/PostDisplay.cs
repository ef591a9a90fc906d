using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Resolves the reader-dependent placeholders of stored post HTML for one reader, for a whole page at
/// once (two queries at most, whatever the number of posts): a mention shows the member's display
/// name; a quote shows who wrote the quoted post, or "Quoted post not available." when the reader
/// may not read it (the quoted words are then left out, not just the attribution).
/// </summary>
public sealed partial class PostDisplay(DialogueDbContext db, IStringLocalizer<Text> text)
{
    [GeneratedRegex("<span data-mention=\"([^\"]+)\">[^<]*</span>")]
    private static partial Regex MentionPlaceholder();

    [GeneratedRegex("<blockquote data-quote=\"(\\d+)\">")]
    private static partial Regex QuoteOpening();

    public async Task<string> ResolveAsync(string html, Viewer reader, CancellationToken ct) =>
        (await ResolveAsync([html], reader, ct))[0];

    public async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyList<string> htmls, Viewer reader, CancellationToken ct)
    {
        var mentionIds = htmls.SelectMany(h => MentionPlaceholder().Matches(h).Select(m => m.Groups[1].Value)).Distinct().ToArray();
        var quoteIds = htmls.SelectMany(h => QuoteOpening().Matches(h).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).Distinct().ToArray();

        var names = mentionIds.Length == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => mentionIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var quotes = quoteIds.Length == 0
            ? []
            : await db.Posts.AsNoTracking().VisibleTo(reader).Where(p => quoteIds.Contains(p.Id) && !p.IsDeleted)
                .Join(db.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p.Id, u.DisplayName })
                .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

        return [.. htmls.Select(h => Resolve(h, names, quotes))];
    }

    private string Resolve(string html, Dictionary<string, string> names, Dictionary<long, string> quotes)
    {
        if (!html.Contains("data-", StringComparison.Ordinal))
        {
            return html;
        }
        html = MentionPlaceholder().Replace(html, m =>
            names.TryGetValue(m.Groups[1].Value, out var name)
                ? $"<span class=\"mention\">@{WebUtility.HtmlEncode(name)}</span>"
                : $"<span class=\"mention\">{WebUtility.HtmlEncode(text["@unknown member"])}</span>");
        return ResolveQuotes(html, quotes);
    }

    private string ResolveQuotes(string html, Dictionary<long, string> quotes)
    {
        var output = new StringBuilder(html.Length + 64);
        var position = 0;
        while (QuoteOpening().Match(html, position) is { Success: true } open)
        {
            output.Append(html, position, open.Index - position);
            var id = long.Parse(open.Groups[1].Value, CultureInfo.InvariantCulture);
            var end = EndOfBlockquote(html, open.Index + open.Length);
            if (quotes.TryGetValue(id, out var author))
            {
                output.Append("<blockquote class=\"quote\"><p class=\"quote-source\"><a href=\"/Threads/Post/")
                    .Append(id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(WebUtility.HtmlEncode(text["{0} wrote:", author])).Append("</a></p>");
                // The quoted words may themselves hold placeholders (a nested quote): resolve them too.
                output.Append(ResolveQuotes(html[(open.Index + open.Length)..end], quotes));
                position = end; // the closing tag is copied next
            }
            else
            {
                output.Append("<blockquote class=\"quote quote-unavailable\"><p>")
                    .Append(WebUtility.HtmlEncode(text["Quoted post not available."])).Append("</p></blockquote>");
                position = AfterClosingTag(html, end);
            }
        }
        output.Append(html, position, html.Length - position);
        return output.ToString();
    }

    /// <summary>The index of the "&lt;/blockquote&gt;" that closes the one opened just before <paramref name="from"/>.</summary>
    private static int EndOfBlockquote(string html, int from)
    {
        var depth = 1;
        var i = from;
        while (i < html.Length)
        {
            var nextOpen = html.IndexOf("<blockquote", i, StringComparison.Ordinal);
            var nextClose = html.IndexOf("</blockquote>", i, StringComparison.Ordinal);
            if (nextClose < 0)
            {
                return html.Length;
            }
            if (nextOpen >= 0 && nextOpen < nextClose)
            {
                depth++;
                i = nextOpen + 11;
                continue;
            }
            depth--;
            if (depth == 0)
            {
                return nextClose;
            }
            i = nextClose + 13;
        }
        return html.Length;
    }

    private static int AfterClosingTag(string html, int closeIndex) =>
        closeIndex >= html.Length ? html.Length : closeIndex + "</blockquote>".Length;
}
