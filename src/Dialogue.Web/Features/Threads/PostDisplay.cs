using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Resolves the reader-dependent placeholders of stored post HTML for one reader, for a whole page at
/// once (two queries at most, whatever the number of posts): a mention shows the member's display
/// name; a quote shows who wrote the quoted post, or "Quoted post not available." when the reader
/// may not read it (the quoted words are then left out, not just the attribution).
/// In a Chatham House thread a mention shows the member's pseudonym in that thread, and a quote of a Chatham House
/// post names its author by their pseudonym in the quoted post's thread (one more query when a mention needs it);
/// a moderator's audited reveal adds the real name after the pseudonym.
/// </summary>
public sealed partial class PostDisplay(DialogueDbContext db, LocalWrites writes, ThreadHeads heads, Pseudonyms pseudonyms, IStringLocalizer<Text> text)
{
    [GeneratedRegex("<span data-mention=\"([^\"]+)\">[^<]*</span>")]
    private static partial Regex MentionPlaceholder();

    [GeneratedRegex("<blockquote data-quote=\"(\\d+)\">")]
    private static partial Regex QuoteOpening();

    public async Task<string> ResolveAsync(string html, Viewer reader, CancellationToken ct, long? chathamThreadId = null) =>
        (await ResolveAsync([html], reader, ct, [chathamThreadId]))[0];

    /// <param name="chathamThreadIds">Per html, the Chatham House thread it was written in (its mentions show pseudonyms), or null.</param>
    /// <param name="reveal">A moderator's audited reveal of the Chatham House threads among <paramref name="chathamThreadIds"/>.</param>
    public async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyList<string> htmls, Viewer reader, CancellationToken ct,
        IReadOnlyList<long?>? chathamThreadIds = null, bool reveal = false)
    {
        var mentionIds = htmls.SelectMany(h => MentionPlaceholder().Matches(h).Select(m => m.Groups[1].Value)).Distinct().ToArray();
        var quoteIds = htmls.SelectMany(h => QuoteOpening().Matches(h).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).Distinct().ToArray();

        var chatham = chathamThreadIds?.Where(id => id is not null).Select(id => id!.Value).Distinct().ToArray() ?? [];

        // Names are remembered between this node's writes: a re-read page asks nothing for its mentions.
        var names = mentionIds.Length == 0
            ? new Dictionary<string, string>()
            : await writes.RememberEachAsync("display name", mentionIds, async missing => (IReadOnlyDictionary<string, string>)await db.Users.AsNoTracking()
                .Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct));
        var numbers = mentionIds.Length == 0 || chatham.Length == 0
            ? []
            : await db.ThreadPseudonyms.AsNoTracking().Where(x => chatham.Contains(x.ThreadId) && mentionIds.Contains(x.UserId))
                .ToDictionaryAsync(x => (x.ThreadId, x.UserId), x => x.Number, ct);
        var quoted = quoteIds.Length == 0 ? [] : await ReadableQuotesAsync(quoteIds, reader, ct);
        var quotes = quoted.ToDictionary(q => q.Post.Id, q => q.ChathamHouse ? Pseudonymous(q.Post.Pseudonym, q.Post.Name, reveal && chatham.Contains(q.Post.ThreadId)) : q.Post.Name);

        return [.. htmls.Select((h, i) => Resolve(h, chathamThreadIds is { } ids && i < ids.Count ? ids[i] : null, names, numbers, quotes, reveal))];
    }

    /// <summary>A quoted post's facts and its author, the same for every reader.</summary>
    private sealed record QuotedPost(long Id, long ThreadId, string AuthorId, PostStatus Status, bool IsDeleted, bool Embargoed, string Name, int? Pseudonym);

    /// <summary>
    /// The quoted posts this reader may read: their facts are remembered between this node's writes for every reader, and
    /// each reader is let through by <see cref="AccessPolicy"/> on them and their threads' heads (the rule
    /// <see cref="Visible"/> writes as SQL), so a re-read page asks nothing for its quotes.
    /// </summary>
    private async Task<List<(QuotedPost Post, bool ChathamHouse)>> ReadableQuotesAsync(long[] quoteIds, Viewer reader, CancellationToken ct)
    {
        var posts = await writes.RememberEachAsync("quoted post", [.. quoteIds.Select(id => id.ToString(CultureInfo.InvariantCulture))], async missing =>
        {
            var ids = missing.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToList();
            return (IReadOnlyDictionary<string, QuotedPost>)await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new QuotedPost(p.Id, p.ThreadId, p.AuthorId, p.Status, p.IsDeleted, p.EmbargoUntil != null,
                    db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
                    db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault()))
                .ToDictionaryAsync(p => p.Id.ToString(CultureInfo.InvariantCulture), ct);
        });
        var threads = await heads.GetManyAsync([.. posts.Values.Select(p => p.ThreadId).Distinct()], ct);
        return [.. posts.Values
            .Where(p => !p.IsDeleted && threads.TryGetValue(p.ThreadId, out var head)
                && AccessPolicy.Can(reader, new PostFacts(head.Facts, p.AuthorId, p.Status, p.IsDeleted, p.Embargoed), AccessAction.Read))
            .Select(p => (p, threads[p.ThreadId].ChathamHouse))];
    }

    private string Pseudonymous(int? number, string name, bool reveal) =>
        reveal ? $"{pseudonyms.Name(number)} ({name})" : pseudonyms.Name(number);

    private string Resolve(string html, long? chathamThreadId, IReadOnlyDictionary<string, string> names, Dictionary<(long, string), int> numbers,
        Dictionary<long, string> quotes, bool reveal)
    {
        if (!html.Contains("data-", StringComparison.Ordinal))
        {
            return html;
        }
        html = MentionPlaceholder().Replace(html, m =>
        {
            var userId = m.Groups[1].Value;
            if (!names.TryGetValue(userId, out var name))
            {
                return $"<span class=\"mention\">{WebUtility.HtmlEncode(text["@unknown member"])}</span>";
            }
            if (chathamThreadId is { } thread)
            {
                name = Pseudonymous(numbers.TryGetValue((thread, userId), out var n) ? n : null, name, reveal);
            }
            return $"<span class=\"mention\">@{WebUtility.HtmlEncode(name)}</span>";
        });
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
