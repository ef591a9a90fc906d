using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Dialogue.Web.Infrastructure.Caching;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// The request's viewer, built on first use from the principal and one membership query, then kept for the request.
/// The memberships are remembered between requests until something is written (<see cref="LocalWrites"/>).
/// </summary>
public sealed class CurrentViewer(IHttpContextAccessor http, DialogueDbContext db, LocalWrites writes)
{
    private Viewer? viewer;

    public async Task<Viewer> GetAsync(CancellationToken ct = default)
    {
        if (viewer is not null)
        {
            return viewer;
        }
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true || user.UserId() is not { } userId)
        {
            return viewer = Viewer.Anonymous;
        }
        var approved = user.IsApprovedAccount();
        IReadOnlyDictionary<long, SpaceRole> spaces = approved
            ? await writes.RememberAsync("viewer: spaces", userId, async () => (IReadOnlyDictionary<long, SpaceRole>)await db.SpaceMembers.AsNoTracking()
                .Where(m => m.UserId == userId && m.Status == SpaceMemberStatus.Active)
                .Select(m => new { m.SpaceId, m.Role })
                .ToDictionaryAsync(m => m.SpaceId, m => m.Role, ct))
            : new Dictionary<long, SpaceRole>();
        return viewer = new Viewer
        {
            UserId = userId,
            IsApproved = approved,
            IsAdmin = user.IsInRole(Roles.Admin),
            IsSiteModerator = user.IsInRole(Roles.Moderator),
            Spaces = spaces,
        };
    }

    /// <summary>Forget the cached viewer after the request changed the viewer's memberships.</summary>
    public void Reset() => viewer = null;
}
