using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// Builds viewers from the database, for work done on someone's behalf outside their request
/// (a notification or an email to a recipient, a digest job): three queries for any number of users.
/// </summary>
public static class ViewerLoader
{
    public static async Task<IReadOnlyDictionary<string, Viewer>> ForUsersAsync(DialogueDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<string, Viewer>();
        }
        var ids = userIds.Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Status, u.EmailConfirmed }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) && (r.Name == Roles.Admin || r.Name == Roles.Moderator)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var memberships = await db.SpaceMembers.AsNoTracking()
            .Where(m => ids.Contains(m.UserId) && m.Status == SpaceMemberStatus.Active)
            .Select(m => new { m.UserId, m.SpaceId, m.Role }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id, u => new Viewer
        {
            UserId = u.Id,
            IsApproved = ApprovedAccount.Is(u.Status, u.EmailConfirmed),
            IsAdmin = roles.Any(r => r.UserId == u.Id && r.Name == Roles.Admin),
            IsSiteModerator = roles.Any(r => r.UserId == u.Id && r.Name == Roles.Moderator),
            Spaces = memberships.Where(m => m.UserId == u.Id).ToDictionary(m => m.SpaceId, m => m.Role),
        });
    }

    public static async Task<Viewer> ForUserAsync(DialogueDbContext db, string userId, CancellationToken ct) =>
        (await ForUsersAsync(db, [userId], ct)).GetValueOrDefault(userId) ?? Viewer.Anonymous;
}
