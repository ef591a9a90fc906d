using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>A glossary's proposals: curators see all of them (open first), other members their own.</summary>
public class ProposalsModel(DialogueDbContext db, GlossaryAccess access) : PageModel
{
    public sealed record Row(long Id, long? ConceptId, string ProposerName, ProposalStatus Status, DateTimeOffset UpdatedAt, string Summary, string SnapshotJson)
    {
        public string Term => ConceptSnapshot.FromJson(SnapshotJson).Languages.SelectMany(l => l.Terms).Select(t => t.Text).FirstOrDefault() ?? "";
    }

    public GlossaryView Glossary { get; private set; } = null!;
    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long glossaryId, CancellationToken ct)
    {
        if (await access.FindAsync(glossaryId, ct) is not { CanPropose: true } glossary)
        {
            return NotFound();
        }
        Glossary = glossary;
        var userId = glossary.Viewer.UserId;
        var curate = glossary.CanCurate;
        Items = await db.GlossaryProposals.AsNoTracking()
            .Where(p => p.GlossaryId == glossaryId && (curate || p.ProposerId == userId))
            .OrderBy(p => p.Status != ProposalStatus.Open).ThenByDescending(p => p.UpdatedAt)
            .Take(200)
            .Select(p => new Row(p.Id, p.ConceptId, db.Users.Where(u => u.Id == p.ProposerId).Select(u => u.DisplayName).First(), p.Status, p.UpdatedAt, p.Summary, p.SnapshotJson))
            .ToListAsync(ct);
        return Page();
    }
}
