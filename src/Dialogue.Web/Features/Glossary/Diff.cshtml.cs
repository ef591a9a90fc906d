using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>What changed between two revisions of an entry (either order; revision 0 is "nothing yet").</summary>
public class DiffModel(DialogueDbContext db, GlossaryAccess access, IStringLocalizer<Text> text) : PageModel
{
    public GlossaryView Glossary { get; private set; } = null!;
    public long ConceptId { get; private set; }
    public string Heading { get; private set; } = "";
    public int From { get; private set; }
    public int To { get; private set; }
    public IReadOnlyList<SnapshotDiff.Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long conceptId, int from, int to, CancellationToken ct)
    {
        if (await access.FindByConceptAsync(conceptId, ct) is not { } glossary)
        {
            return NotFound();
        }
        (From, To) = from <= to ? (from, to) : (to, from);
        var revisions = await db.GlossaryConceptRevisions.AsNoTracking()
            .Where(r => r.ConceptId == conceptId && (r.Number == From || r.Number == To))
            .ToDictionaryAsync(r => r.Number, r => r.SnapshotJson, ct);
        if (!revisions.TryGetValue(To, out var newer) || (From != 0 && !revisions.ContainsKey(From)))
        {
            return NotFound();
        }
        Glossary = glossary;
        ConceptId = conceptId;
        var older = From == 0 ? null : ConceptSnapshot.FromJson(revisions[From]);
        var newerSnapshot = ConceptSnapshot.FromJson(newer);
        var related = (older?.RelatedConceptIds ?? []).Concat(newerSnapshot.RelatedConceptIds).Append(conceptId).ToList();
        var names = await EntryHeadings.ManyAsync(db, related, ct);
        Heading = names.GetValueOrDefault(conceptId) ?? "";
        Lines = SnapshotDiff.Compare(older, newerSnapshot, names, text);
        return Page();
    }
}
