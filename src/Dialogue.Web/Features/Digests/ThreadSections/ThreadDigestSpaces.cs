using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>The spaces a member may pick for their digest: those they can see.</summary>
public sealed class ThreadDigestSpaces(DialogueDbContext db) : IDigestSpaceSource
{
    public async Task<IReadOnlyList<DigestSpaceChoice>> SpacesForAsync(string userId, CancellationToken ct)
    {
        var viewer = await ViewerLoader.ForUserAsync(db, userId, ct);
        return await db.Spaces.AsNoTracking().VisibleTo(viewer).OrderBy(s => s.Name)
            .Select(s => new DigestSpaceChoice(s.Id, s.Name)).ToListAsync(ct);
    }
}
