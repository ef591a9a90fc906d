using Dialogue.Data;
using Dialogue.Data.Admin;

namespace Dialogue.Web.Features.Admin;

/// <summary>
/// Adds an audit entry to the caller's DbContext; it is written by the same SaveChanges as the action
/// it records, so there is never an action without its entry or an entry without its action.
/// </summary>
public sealed class AdminAudit(DialogueDbContext db, TimeProvider clock)
{
    public void Record(string actorId, string action, string? targetUserId, string? details = null) =>
        db.AdminAuditEntries.Add(new AdminAuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actorId,
            Action = action,
            TargetUserId = targetUserId,
            Details = details is { Length: > 1000 } ? details[..1000] : details,
        });
}
