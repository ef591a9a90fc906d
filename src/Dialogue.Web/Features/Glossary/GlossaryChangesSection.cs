using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Digests.ThreadSections;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// "Glossary changes": entries of glossaries the recipient may read that got a new revision in the window (by someone
/// else), newest first, one item per entry, labelled with the glossary's label so the email rule redacts them.
/// </summary>
public sealed class GlossaryChangesSection(DialogueDbContext db, ThreadDigestReader reader, IOptions<AppOptions> app, IStringLocalizer<Text> text) : IBatchedDigestSection
{
    /// <summary>More revisions than this in a batch's window: every recipient is a candidate, unread.</summary>
    public const int CandidateRevisions = 1000;

    public int Order => 500;

    public string Title => text["Glossary changes"];

    public async Task<IReadOnlySet<string>> CandidatesAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        if (windows.Count == 0)
        {
            return new HashSet<string>();
        }
        // BuildAsync's question without the access policy, over the widest window of the batch: never fewer recipients.
        // On most days no entry changes, and then no recipient asks at all.
        var from = windows.Min(w => w.Since);
        var to = windows.Max(w => w.Until);
        var revisions = await db.GlossaryConceptRevisions.AsNoTracking()
            .Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { r.CreatedAt, r.AuthorId })
            .Take(CandidateRevisions + 1)
            .ToListAsync(ct);
        return windows
            .Where(w => revisions.Count > CandidateRevisions || revisions.Any(r =>
                r.CreatedAt >= w.Since && r.CreatedAt < w.Until && (w.Recipient.UserId == null || r.AuthorId != w.Recipient.UserId)))
            .Select(w => w.Recipient.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var viewer = await reader.ViewerForAsync(recipient, ct);
        var own = recipient.UserId;
        var concepts = db.GlossaryConcepts.AsNoTracking().VisibleTo(viewer);
        var changed = await db.GlossaryConceptRevisions.AsNoTracking()
            .Where(r => r.CreatedAt >= since && r.CreatedAt < until && (own == null || r.AuthorId != own))
            .Join(concepts, r => r.ConceptId, c => c.Id, (r, c) => new { r.ConceptId, r.Number, r.Summary, r.CreatedAt, r.AuthorId, c.GlossaryId, Glossary = c.Glossary!.Name, c.Glossary.Label })
            .OrderByDescending(r => r.CreatedAt)
            .Take(ThreadDigestReader.MaxItems * 5)
            .ToListAsync(ct);
        if (changed.Count == 0)
        {
            return null;
        }
        var latest = changed.GroupBy(r => r.ConceptId).Select(g => g.First()).Take(ThreadDigestReader.MaxItems).ToList();
        // Headings in the recipient's language: the digest job sets the UI culture before building sections.
        var headings = await EntryHeadings.ManyAsync(db, [.. latest.Select(r => r.ConceptId)], ct);
        var names = await reader.NamesAsync(latest.Where(r => r.AuthorId != null).Select(r => r.AuthorId!), ct);
        return new DigestSectionContent([.. latest.Select(r => new DigestItem
        {
            Subject = new CarriedSubject(CarriedSubjectKind.Glossary, r.GlossaryId, r.Label),
            Label = r.Label,
            Title = headings.GetValueOrDefault(r.ConceptId) ?? "",
            Excerpt = r.Summary.Length > 0 ? r.Summary : null,
            Link = app.Value.Link($"/Glossary/Concept/{r.ConceptId}"),
            Author = r.AuthorId is { } author ? new ContentAuthor(author, names.GetValueOrDefault(author, "")) : null,
            At = r.CreatedAt,
            Detail = r.Glossary,
        })]);
    }

}
