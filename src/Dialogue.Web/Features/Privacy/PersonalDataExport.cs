using System.Text.Json;
using System.Text.Json.Serialization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Everything the platform holds about one member, as one JSON document. Thread titles appear only where the member may
/// still read the thread (through <see cref="Visible"/>); their own words appear always, since they wrote them.
/// A fixed number of queries, whatever the member wrote.
/// </summary>
public sealed class PersonalDataExport(DialogueDbContext db, UserManager<DialogueUser> users, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <returns>Null when there is no such account.</returns>
    public async Task<byte[]?> MemberAsync(string userId, Viewer viewer, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }
        var posts = await db.Posts.AsNoTracking().Where(p => p.AuthorId == userId).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.ThreadId,
                p.Number,
                p.CreatedAt,
                p.EditedAt,
                Status = p.Status.ToString(),
                p.IsDeleted,
                p.Source,
                p.Thread!.ChathamHouse,
            })
            .ToListAsync(ct);
        var threadIds = posts.Select(p => p.ThreadId).Distinct().ToList();
        var readableTitles = await db.Threads.AsNoTracking().VisibleTo(viewer).Where(t => threadIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Title }).ToDictionaryAsync(t => t.Id, t => t.Title, ct);
        var revisions = (await db.Posts.AsNoTracking().Where(p => p.AuthorId == userId)
                .SelectMany(p => p.Revisions.Select(r => new { r.PostId, r.Number, r.WrittenAt, r.ReplacedAt, r.Source }))
                .ToListAsync(ct))
            .ToLookup(r => r.PostId);

        var document = new
        {
            exportedAt = clock.GetUtcNow(),
            about = "Everything Dialogue holds about this account. Thread titles are given only for threads you may still read.",
            profile = new
            {
                user.Id,
                user.Email,
                user.EmailConfirmed,
                user.DisplayName,
                user.Affiliation,
                user.Country,
                user.PreferredLanguages,
                user.UiCulture,
                user.TimeZoneId,
                user.Bio,
                Status = user.Status.ToString(),
                user.CreatedAt,
                user.ApprovedAt,
                user.SuspendedUntil,
                user.SuspensionReason,
                user.TwoFactorEnabled,
            },
            roles = await users.GetRolesAsync(user),
            spaceMemberships = await db.SpaceMembers.AsNoTracking().Where(m => m.UserId == userId)
                .Select(m => new { m.SpaceId, Space = m.Space!.Name, Role = m.Role.ToString(), Status = m.Status.ToString(), m.CreatedAt, m.RequestMessage })
                .ToListAsync(ct),
            threadParticipations = await db.ThreadParticipants.AsNoTracking().Where(p => p.UserId == userId)
                .Select(p => new { p.ThreadId, p.AddedAt }).ToListAsync(ct),
            posts = posts.Select(p => new
            {
                p.Id,
                p.ThreadId,
                threadTitle = readableTitles.GetValueOrDefault(p.ThreadId),
                p.Number,
                p.CreatedAt,
                p.EditedAt,
                p.Status,
                p.IsDeleted,
                // Posted under the Chatham House Rule: other readers see a pseudonym, never this account's name.
                underChathamHouseRule = p.ChathamHouse,
                text = p.Source,
                earlierVersions = revisions[p.Id].OrderBy(r => r.Number).Select(r => new { r.Number, r.WrittenAt, r.ReplacedAt, text = r.Source }),
            }),
            notifications = await db.Notifications.AsNoTracking().VisibleTo(viewer).OrderBy(n => n.Id)
                .Select(n => new { Kind = n.Kind.ToString(), n.ThreadId, n.PostId, n.Message, n.CreatedAt, n.ReadAt })
                .ToListAsync(ct),
            digestSubscription = await db.DigestSubscriptions.AsNoTracking().Where(s => s.UserId == userId)
                .Select(s => new { Frequency = s.Frequency.ToString(), Weekday = s.Weekday.ToString(), s.LocalHour, s.AllSpaces, s.SpaceIds, s.IncludeFollowedThreads, s.SubscribedAt, s.UnsubscribedAt })
                .FirstOrDefaultAsync(ct),
            watches = await db.Watches.AsNoTracking().Where(w => w.UserId == userId).Select(w => new { w.ThreadId, w.SpaceId, w.CreatedAt }).ToListAsync(ct),
            readStates = await db.ReadStates.AsNoTracking().Where(r => r.UserId == userId).Select(r => new { r.ThreadId, r.LastReadPostNumber, r.UpdatedAt }).ToListAsync(ct),
            flagsMade = await db.Flags.AsNoTracking().Where(f => f.FlaggedById == userId)
                .Select(f => new { f.PostId, Reason = f.Reason.ToString(), f.Message, f.CreatedAt, f.ResolvedAt, Resolution = f.Resolution.ToString() })
                .ToListAsync(ct),
            invitationsSent = await db.Invitations.AsNoTracking().Where(i => i.InvitedById == userId)
                .Select(i => new { i.Email, i.CreatedAt, i.ExpiresAt, i.UsedAt, i.RevokedAt }).ToListAsync(ct),
            sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId)
                .Select(s => new { s.Device, s.CreatedAt, s.LastSeenAt, s.EndedAt }).ToListAsync(ct),
            moderationAbout = await db.ModerationLog.AsNoTracking().Where(e => e.TargetUserId == userId)
                .Select(e => new { e.At, Action = e.Action.ToString(), e.SpaceId, e.ThreadId, e.PostId, e.Reason }).ToListAsync(ct),
            silences = await db.MemberSilences.AsNoTracking().Where(s => s.UserId == userId)
                .Select(s => new { s.SpaceId, s.CreatedAt, s.Until, s.Reason, s.LiftedAt }).ToListAsync(ct),
            adminAuditAbout = await db.AdminAuditEntries.AsNoTracking().Where(e => e.TargetUserId == userId)
                .Select(e => new { e.At, e.Action, e.Details }).ToListAsync(ct),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <returns>Null when the subscriber is gone.</returns>
    public async Task<byte[]?> PublicSubscriberAsync(long subscriberId, CancellationToken ct)
    {
        var subscriber = await db.PublicSubscribers.AsNoTracking().Where(s => s.Id == subscriberId)
            .Select(s => new { s.Email, s.UiCulture, s.CreatedAt, s.ConfirmationSentAt, s.ConfirmedAt, s.UnsubscribedAt, s.NextDueAt })
            .SingleOrDefaultAsync(ct);
        if (subscriber is null)
        {
            return null;
        }
        var key = subscriberId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var document = new
        {
            exportedAt = clock.GetUtcNow(),
            about = "Everything Dialogue holds about this digest subscription.",
            subscription = subscriber,
            digestsSent = await db.DigestLedger.AsNoTracking()
                .Where(e => e.RecipientKind == DigestRecipientKind.Public && e.RecipientId == key && e.SentAt != null)
                .OrderBy(e => e.Id).Select(e => new { e.PeriodKey, e.SentAt }).ToListAsync(ct),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
