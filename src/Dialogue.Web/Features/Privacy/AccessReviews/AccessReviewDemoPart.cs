using Dialogue.Data;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Moderation;
using Dialogue.Data.Spaces;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

/// <summary>
/// The demo's access reviews, open and half done: Frontier evaluations (AMBER), reviewed by its moderator Babatunde,
/// Li Wei's RED agenda thread in the track-two space, reviewed by her (in Chinese), and Incident coordination
/// (AMBER+STRICT), which has no moderator and so is the admins' to review.
/// </summary>
public sealed class AccessReviewDemoPart(DialogueDbContext db) : IDemoPart
{
    public const string AgendaThread = "Agenda for the next closed session";

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var opened = site.Now.AddDays(-5);
        var frontier = site.SpaceIds["frontier-evaluations"];
        var moderator = site.UserIds["tunde"];
        var members = await db.SpaceMembers.AsNoTracking().Where(m => m.SpaceId == frontier && m.Status == SpaceMemberStatus.Active)
            .Select(m => new { m.UserId, m.Role, m.CreatedAt }).ToListAsync(ct);
        string[] confirmed = [moderator, site.UserIds["jonas"], site.UserIds["li.wei"]];
        db.AccessReviews.Add(new AccessReview
        {
            SpaceId = frontier,
            Key = $"space:{frontier}:1",
            Round = 1,
            OpenedAt = opened,
            LapsesAt = opened.AddDays(14),
            Items = [.. members.Select(m => new AccessReviewItem
            {
                UserId = m.UserId,
                Role = m.Role,
                JoinedAt = m.CreatedAt,
                Decision = confirmed.Contains(m.UserId) ? AccessReviewDecision.Confirmed : AccessReviewDecision.Pending,
                DecidedById = confirmed.Contains(m.UserId) ? moderator : null,
                DecidedAt = confirmed.Contains(m.UserId) ? opened.AddDays(1) : null,
            })],
        });
        db.ModerationLog.Add(new ModerationLogEntry { At = opened, Action = ModerationAction.OpenAccessReview, SpaceId = frontier, Details = $"{members.Count} to review" });
        foreach (var id in confirmed)
        {
            db.ModerationLog.Add(new ModerationLogEntry { ActorId = moderator, At = opened.AddDays(1), Action = ModerationAction.ConfirmAccess, SpaceId = frontier, TargetUserId = id });
        }

        var incidents = site.SpaceIds["incident-coordination"];
        var incidentMembers = await db.SpaceMembers.AsNoTracking().Where(m => m.SpaceId == incidents && m.Status == SpaceMemberStatus.Active)
            .Select(m => new { m.UserId, m.Role, m.CreatedAt }).ToListAsync(ct);
        db.AccessReviews.Add(new AccessReview
        {
            SpaceId = incidents,
            Key = $"space:{incidents}:1",
            Round = 1,
            OpenedAt = opened.AddDays(2),
            LapsesAt = opened.AddDays(16),
            Items = [.. incidentMembers.Select(m => new AccessReviewItem { UserId = m.UserId, Role = m.Role, JoinedAt = m.CreatedAt, Decision = AccessReviewDecision.Pending })],
        });
        db.ModerationLog.Add(new ModerationLogEntry { At = opened.AddDays(2), Action = ModerationAction.OpenAccessReview, SpaceId = incidents, Details = $"{incidentMembers.Count} to review" });

        if (site.ThreadIds.TryGetValue(AgendaThread, out var agenda))
        {
            var thread = await db.Threads.AsNoTracking().Where(t => t.Id == agenda)
                .Select(t => new { t.SpaceId, t.AuthorId, Participants = t.Participants.Select(p => new { p.UserId, p.AddedAt }).ToList() })
                .SingleAsync(ct);
            var roles = await db.SpaceMembers.AsNoTracking().Where(m => m.SpaceId == thread.SpaceId).ToDictionaryAsync(m => m.UserId, m => m.Role, ct);
            var first = thread.Participants.Where(p => p.UserId != thread.AuthorId).Select(p => p.UserId).FirstOrDefault();
            db.AccessReviews.Add(new AccessReview
            {
                SpaceId = thread.SpaceId,
                ThreadId = agenda,
                Key = $"thread:{agenda}:1",
                Round = 1,
                OpenedAt = opened,
                LapsesAt = opened.AddDays(14),
                Items = [.. thread.Participants.Where(p => p.UserId != thread.AuthorId && roles.ContainsKey(p.UserId)).Select(p => new AccessReviewItem
                {
                    UserId = p.UserId,
                    Role = roles[p.UserId],
                    JoinedAt = p.AddedAt,
                    Decision = p.UserId == first ? AccessReviewDecision.Confirmed : AccessReviewDecision.Pending,
                    DecidedById = p.UserId == first ? thread.AuthorId : null,
                    DecidedAt = p.UserId == first ? opened.AddDays(2) : null,
                })],
            });
            db.ModerationLog.Add(new ModerationLogEntry { At = opened, Action = ModerationAction.OpenAccessReview, SpaceId = thread.SpaceId, ThreadId = agenda });
        }
        await db.SaveChangesAsync(ct);
    }
}
