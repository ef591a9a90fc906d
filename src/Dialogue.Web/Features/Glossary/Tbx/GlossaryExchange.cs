using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>Loads a glossary for export, and plans and commits an import: what will be added, changed, or conflicts.</summary>
public sealed class GlossaryExchange(DialogueDbContext db, TimeProvider clock)
{
    public sealed record GlossaryHeader(GlossaryFacts Facts, string Name, long Version);

    public enum Outcome { Added, Changed, Unchanged, Conflict }

    public sealed record PlannedEntry(ExchangeEntry Entry, Outcome Outcome, long? ExistingId, string Title);

    public sealed record ImportPlan(long GlossaryVersion, IReadOnlyList<PlannedEntry> Entries)
    {
        public int Count(Outcome outcome) => Entries.Count(e => e.Outcome == outcome);
    }

    public async Task<GlossaryHeader?> HeaderAsync(long glossaryId, CancellationToken ct) =>
        await db.Glossaries.AsNoTracking().Where(g => g.Id == glossaryId)
            .Select(g => new GlossaryHeader(
                new GlossaryFacts(g.Id, g.SpaceId, g.Label, g.Editors.Select(e => e.UserId).ToList()), g.Name, g.Version))
            .SingleOrDefaultAsync(ct);

    public async Task<bool> HoldsEditorRoleAsync(Viewer viewer, CancellationToken ct)
    {
        if (viewer.UserId is not { } id || !viewer.IsApproved)
        {
            return false;
        }
        return await db.UserRoles.AnyAsync(ur => ur.UserId == id
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.GlossaryEditor), ct);
    }

    /// <summary>The glossary's live entries as snapshots, in id order (which is creation order).</summary>
    public async Task<List<ConceptSnapshotWithId>> EntriesAsync(long glossaryId, CancellationToken ct)
    {
        var concepts = await db.Set<Concept>().AsNoTracking().AsSplitQuery()
            .Where(c => c.GlossaryId == glossaryId && !c.IsDeleted)
            .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var live = concepts.Select(c => c.Id).ToHashSet();
        return [.. concepts.Select(c =>
        {
            var snapshot = ConceptSnapshot.Of(c);
            return new ConceptSnapshotWithId(c.Id, snapshot with { RelatedConceptIds = [.. snapshot.RelatedConceptIds.Where(live.Contains)] });
        })];
    }

    /// <summary>
    /// Matches each file entry to the glossary by its terms: no shared term → added; the terms of one entry →
    /// changed (or unchanged); the terms of several entries, or of an entry another file entry already took → conflict.
    /// </summary>
    public async Task<ImportPlan> PlanAsync(long glossaryId, ExchangeFile file, CancellationToken ct)
    {
        var version = await db.Glossaries.Where(g => g.Id == glossaryId).Select(g => g.Version).SingleAsync(ct);
        var existingTerms = await db.Set<Term>().AsNoTracking()
            .Where(t => t.GlossaryId == glossaryId && db.Set<Concept>().Any(c => c.Id == t.ConceptId && !c.IsDeleted))
            .Select(t => new { t.ConceptId, t.LanguageTag, t.NormalizedText })
            .ToListAsync(ct);
        var byTerm = existingTerms.ToLookup(t => (t.LanguageTag.ToLowerInvariant(), t.NormalizedText), t => t.ConceptId);
        var matches = file.Entries.ToDictionary(e => e, e => e.Content.Languages
            .SelectMany(l => l.Terms.Select(t => (l.LanguageTag.ToLowerInvariant(), TermText.Normalize(t.Text))))
            .SelectMany(key => byTerm[key]).Distinct().ToList());
        var matchedIds = matches.Values.Where(m => m.Count == 1).Select(m => m[0]).Distinct().ToList();
        var existing = (await db.Set<Concept>().AsNoTracking().AsSplitQuery()
                .Where(c => matchedIds.Contains(c.Id))
                .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
                .ToListAsync(ct))
            .ToDictionary(c => c.Id, ConceptSnapshot.Of);

        var planned = new List<PlannedEntry>();
        var taken = new HashSet<long>();
        foreach (var entry in file.Entries)
        {
            var title = TitleOf(entry.Content);
            var match = matches[entry];
            if (match.Count == 0)
            {
                planned.Add(new(entry, Outcome.Added, null, title));
            }
            else if (match.Count > 1 || !taken.Add(match[0]))
            {
                planned.Add(new(entry, Outcome.Conflict, match.Count == 1 ? match[0] : null, title));
            }
            else
            {
                planned.Add(new(entry, SameContent(existing[match[0]], entry.Content) ? Outcome.Unchanged : Outcome.Changed, match[0], title));
            }
        }
        // A cross-reference counts as a change of its entry when its target is new, or an existing entry it did not name.
        var fileIdToExisting = planned.Where(p => p.ExistingId is not null && p.Outcome != Outcome.Conflict)
            .ToDictionary(p => p.Entry.FileId, p => p.ExistingId!.Value, StringComparer.Ordinal);
        for (var i = 0; i < planned.Count; i++)
        {
            if (planned[i].Outcome != Outcome.Unchanged)
            {
                continue;
            }
            var wanted = planned[i].Entry.Related.Select(r => fileIdToExisting.TryGetValue(r.Target, out var id) ? id : -1).ToHashSet();
            if (!wanted.SetEquals(existing[planned[i].ExistingId!.Value].RelatedConceptIds))
            {
                planned[i] = planned[i] with { Outcome = Outcome.Changed };
            }
        }
        return new ImportPlan(version, planned);
    }

    /// <summary>
    /// Writes the plan's added and changed entries in one transaction, with a revision each, and bumps the glossary's
    /// version. Refused (null) when the glossary changed since the preview the editor saw.
    /// </summary>
    public async Task<ImportPlan?> CommitAsync(long glossaryId, ExchangeFile file, long previewedVersion, string userId, string summary, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanAsync(glossaryId, file, ct);
        if (plan.GlossaryVersion != previewedVersion)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var glossary = await db.Glossaries.SingleAsync(g => g.Id == glossaryId, ct);
        var writing = plan.Entries.Where(p => p.Outcome is Outcome.Added or Outcome.Changed).ToList();
        var changedIds = writing.Where(p => p.ExistingId is not null).Select(p => p.ExistingId!.Value).ToList();
        var tracked = await db.Set<Concept>().AsSplitQuery()
            .Where(c => changedIds.Contains(c.Id))
            .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
            .ToDictionaryAsync(c => c.Id, ct);
        var concepts = new Dictionary<string, Concept>(StringComparer.Ordinal);
        foreach (var entry in writing)
        {
            Concept concept;
            if (entry.ExistingId is { } id)
            {
                concept = tracked[id];
                concept.RevisionNumber++;
            }
            else
            {
                concept = new Concept { GlossaryId = glossaryId, CreatedAt = now, RevisionNumber = 1 };
                db.Add(concept);
            }
            concept.UpdatedAt = now;
            ApplyContent(entry.Entry.Content, concept);
            concepts[entry.Entry.FileId] = concept;
        }
        await db.SaveChangesAsync(ct);

        var conceptIdOf = plan.Entries.Where(p => p.ExistingId is not null && p.Outcome != Outcome.Conflict)
            .ToDictionary(p => p.Entry.FileId, p => p.ExistingId!.Value, StringComparer.Ordinal);
        foreach (var (fileId, concept) in concepts)
        {
            conceptIdOf[fileId] = concept.Id;
        }
        foreach (var entry in writing)
        {
            var concept = concepts[entry.Entry.FileId];
            var wanted = entry.Entry.Related.Where(r => conceptIdOf.ContainsKey(r.Target)).Select(r => conceptIdOf[r.Target])
                .Where(id => id != concept.Id).ToHashSet();
            concept.Relations.RemoveAll(r => !wanted.Contains(r.RelatedConceptId));
            foreach (var id in wanted.Where(id => concept.Relations.All(r => r.RelatedConceptId != id)))
            {
                concept.Relations.Add(new ConceptRelation { ConceptId = concept.Id, RelatedConceptId = id });
            }
            db.Add(new ConceptRevision
            {
                ConceptId = concept.Id,
                Number = concept.RevisionNumber,
                AuthorId = userId,
                CreatedAt = now,
                SnapshotJson = ConceptSnapshot.Of(concept).ToJson(),
                Summary = summary.Length > 500 ? summary[..500] : summary,
            });
        }
        if (writing.Count > 0)
        {
            glossary.Version++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return plan;
    }

    /// <summary>An entry's name in previews: its first term, the way editors recognise it.</summary>
    public static string TitleOf(ConceptSnapshot content) =>
        content.Languages.SelectMany(l => l.Terms).Select(t => t.Text).FirstOrDefault() ?? "";

    private static bool SameContent(ConceptSnapshot stored, ConceptSnapshot imported) =>
        (stored with { RelatedConceptIds = [] }).ToJson() == (imported with { RelatedConceptIds = [] }).ToJson();

    /// <summary>Like <see cref="ConceptSnapshot.ApplyTo"/> but leaves relations alone: they are resolved after ids exist.</summary>
    private static void ApplyContent(ConceptSnapshot content, Concept concept)
    {
        var relations = concept.Relations.ToList();
        (content with { RelatedConceptIds = [] }).ApplyTo(concept);
        concept.Relations.AddRange(relations);
    }
}
