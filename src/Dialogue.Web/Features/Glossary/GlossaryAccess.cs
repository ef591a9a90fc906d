using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The one loader for "find the glossary through the policy, else 404": every glossary page that takes a glossary,
/// entry or proposal id resolves it here (ResourceAccessFilter declares these parameters and names this check).
/// </summary>
public sealed class GlossaryAccess(DialogueDbContext db, CurrentViewer current, IHttpContextAccessor http)
{
    public async Task<Viewer> ViewerAsync(CancellationToken ct) => await current.GetAsync(ct);

    /// <summary>The GlossaryEditor role is a site role read from the principal, like Admin (Data/Accounts/Roles).</summary>
    public bool HoldsEditorRole() => http.HttpContext?.User.IsInRole(Roles.GlossaryEditor) == true;

    public async Task<GlossaryView?> FindAsync(long glossaryId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var row = await db.Glossaries.AsNoTracking().VisibleTo(viewer).Where(g => g.Id == glossaryId)
            .Select(g => new
            {
                g.Id,
                g.Name,
                g.Description,
                g.SpaceId,
                SpaceName = g.Space!.Name,
                SpaceSlug = g.Space.Slug,
                g.Label,
                g.Version,
                Editors = g.Editors.Select(e => e.UserId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var facts = new GlossaryFacts(row.Id, row.SpaceId, row.Label, row.Editors);
        // The query and the policy must agree; if they ever do not, the stricter answer wins.
        if (!AccessPolicy.CanRead(viewer, facts))
        {
            return null;
        }
        var role = HoldsEditorRole();
        return new GlossaryView(row.Id, row.Name, row.Description, row.SpaceId, row.SpaceName, row.SpaceSlug, row.Label, row.Version,
            facts, viewer, AccessPolicy.CanPropose(viewer, facts), AccessPolicy.CanCurate(viewer, facts, role), AccessPolicy.CanManage(viewer, facts, role));
    }

    /// <summary>The glossary of a readable, not removed entry.</summary>
    public async Task<GlossaryView?> FindByConceptAsync(long conceptId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var glossaryId = await db.GlossaryConcepts.AsNoTracking().VisibleTo(viewer).Where(c => c.Id == conceptId)
            .Select(c => (long?)c.GlossaryId).SingleOrDefaultAsync(ct);
        return glossaryId is { } id ? await FindAsync(id, ct) : null;
    }

    public async Task<GlossaryView?> FindByProposalAsync(long proposalId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var glossaryId = await db.GlossaryProposals.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == proposalId)
            .Select(p => (long?)p.GlossaryId).SingleOrDefaultAsync(ct);
        return glossaryId is { } id ? await FindAsync(id, ct) : null;
    }
}
