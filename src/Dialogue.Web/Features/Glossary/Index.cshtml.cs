using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>/Glossary: the glossaries the viewer may read, site-wide ones first.</summary>
public class IndexModel(DialogueDbContext db, GlossaryAccess access) : PageModel
{
    public sealed record Row(long Id, string Name, string Description, SensitivityLabel Label, string? SpaceName, string? SpaceSlug, int Entries, int Languages, int OpenProposals);

    public IReadOnlyList<Row> Glossaries { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        CanCreate = AccessPolicy.CanCreateGlossary(viewer, null, access.HoldsEditorRole()) || viewer.ModeratedSpaceIds().Length > 0;
        Glossaries = await db.Glossaries.AsNoTracking().VisibleTo(viewer)
            .OrderBy(g => g.SpaceId != null).ThenBy(g => g.Name)
            .Select(g => new Row(g.Id, g.Name, g.Description, g.Label, g.Space!.Name, g.Space.Slug,
                g.Concepts.Count(c => !c.IsDeleted),
                db.GlossaryTerms.Where(t => t.GlossaryId == g.Id).Select(t => t.LanguageTag).Distinct().Count(),
                db.GlossaryProposals.Count(p => p.GlossaryId == g.Id && p.Status == ProposalStatus.Open)))
            .ToListAsync(ct);
    }
}
