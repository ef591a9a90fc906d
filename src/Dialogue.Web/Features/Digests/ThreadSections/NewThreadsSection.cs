using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>Threads started in the window, in the spaces the recipient chose, as the recipient may read them.</summary>
public sealed class NewThreadsSection(DialogueDbContext db, ThreadDigestReader reader, IStringLocalizer<Text> text) : ISharedDigestSection
{
    public int Order => 100;

    public string Title => text["New threads"];

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var own = recipient.UserId;
        // A thread the recipient started themselves is no news to them; replies to it come through the other sections.
        var threads = await ThreadDigestReader.InChosenSpaces(db.Threads.AsNoTracking().VisibleTo(viewer), recipient)
            .Where(t => t.CreatedAt >= since && t.CreatedAt < until && (own == null || t.AuthorId != own))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id) // threads started in the same instant: the later first
            .Take(ThreadDigestReader.MaxItems)
            .Select(t => new
            {
                t.Id,
                t.Title,
                t.Label,
                t.AuthorId,
                t.CreatedAt,
                t.ChathamHouse,
                Space = t.Space!.Name,
                Pseudonym = db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == t.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        if (threads.Count == 0)
        {
            return null;
        }
        var ids = threads.Select(t => t.Id).ToArray();
        var openings = await db.Posts.AsNoTracking().VisibleTo(viewer)
            .Where(p => ids.Contains(p.ThreadId) && p.Number == 1 && !p.IsDeleted)
            .Select(p => new { p.Id, p.ThreadId, p.Html })
            .ToListAsync(ct);
        var chatham = threads.Where(t => t.ChathamHouse).Select(t => t.Id).ToHashSet();
        var texts = await reader.PlainTextAsync([.. openings.Select(p => (p.Id, p.Html, chatham.Contains(p.ThreadId) ? (long?)p.ThreadId : null))], viewer, ct);
        var names = await reader.NamesAsync(threads.Where(t => !t.ChathamHouse).Select(t => t.AuthorId), ct);
        return new DigestSectionContent([.. threads.Select(t =>
        {
            var opening = openings.FirstOrDefault(p => p.ThreadId == t.Id);
            var body = opening is null ? null : texts[opening.Id];
            return new DigestItem
            {
                ThreadId = t.Id,
                Label = t.Label,
                Title = t.Title,
                Excerpt = body is null ? null : ThreadDigestReader.Excerpt(body),
                Body = body,
                Link = reader.ThreadLink(t.Id),
                Author = new ContentAuthor(t.AuthorId, t.ChathamHouse ? "" : names.GetValueOrDefault(t.AuthorId, ""), t.ChathamHouse, t.Pseudonym),
                At = t.CreatedAt,
                Detail = t.Space,
            };
        })]);
    }
}
