using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>Every revision of an entry, newest first, with a choice of two to compare.</summary>
public class HistoryModel(DialogueDbContext db, GlossaryAccess access) : PageModel
{
    public sealed record Row(int Number, DateTimeOffset CreatedAt, string? AuthorName, string Summary, long? ProposalId);

    public GlossaryView Glossary { get; private set; } = null!;
    public long ConceptId { get; private set; }
    public string Heading { get; private set; } = "";
    public IReadOnlyList<Row> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long conceptId, CancellationToken ct)
    {
        if (await access.FindByConceptAsync(conceptId, ct) is not { } glossary)
        {
            return NotFound();
        }
        Glossary = glossary;
        ConceptId = conceptId;
        Heading = await EntryHeadings.OfAsync(db, conceptId, ct);
        Revisions = await db.GlossaryConceptRevisions.AsNoTracking().Where(r => r.ConceptId == conceptId)
            .OrderByDescending(r => r.Number)
            .Select(r => new Row(r.Number, r.CreatedAt, db.Users.Where(u => u.Id == r.AuthorId).Select(u => u.DisplayName).FirstOrDefault(), r.Summary, r.ProposalId))
            .ToListAsync(ct);
        return Page();
    }
}
