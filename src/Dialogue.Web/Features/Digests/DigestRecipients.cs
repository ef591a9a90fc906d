using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests;

/// <summary>A recipient with their schedule, as the scheduler and the delivery see them.</summary>
public sealed record ScheduledRecipient(
    DigestRecipient Recipient,
    DigestScheduleSpec Schedule,
    DateTimeOffset ScheduleStartsAt,
    DateTimeOffset ContentFloor)
{
    /// <summary>The zone id exactly as the member's profile holds it (the scan compares it to find zone changes).</summary>
    public string? ProfileTimeZoneId { get; init; }
}

/// <summary>Loads recipients: a member from their subscription and profile (zone, language), a public subscriber from the options.</summary>
public sealed class DigestRecipients(DialogueDbContext db, IOptions<DigestOptions> options)
{
    public static string PublicSignature(PublicDigestOptions p) => $"{p.Frequency}|{p.Weekday}|{p.Hour}|{p.TimeZone}";

    public TimeZoneInfo PublicZone => TimeZones.TryFind(options.Value.Public.TimeZone) ?? TimeZoneInfo.Utc;

    /// <returns>The recipient, or null when nothing should be sent to them (off, unsubscribed, unconfirmed, suspended).</returns>
    public Task<ScheduledRecipient?> FindActiveAsync(DigestRecipientKind kind, string id, CancellationToken ct) =>
        kind == DigestRecipientKind.Member ? FindMemberAsync(id, activeOnly: true, ct) : FindPublicAsync(id, ct);

    /// <summary>A member as a digest would see them, whether or not they receive digests (for previews and tests).</summary>
    public Task<ScheduledRecipient?> FindMemberAnywayAsync(string userId, CancellationToken ct) => FindMemberAsync(userId, activeOnly: false, ct);

    /// <summary>The active recipients among <paramref name="ids"/>, keyed by id, in one query for members.</summary>
    public async Task<IReadOnlyDictionary<string, ScheduledRecipient>> FindActiveAsync(DigestRecipientKind kind, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, ScheduledRecipient>(StringComparer.Ordinal);
        if (kind == DigestRecipientKind.Public)
        {
            foreach (var id in ids)
            {
                if (await FindPublicAsync(id, ct) is { } scheduled)
                {
                    found[id] = scheduled;
                }
            }
            return found;
        }
        var rows = await MemberRows(db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (ToMember(row, activeOnly: true) is { } scheduled)
            {
                found[row.UserId] = scheduled;
            }
        }
        return found;
    }

    private async Task<ScheduledRecipient?> FindMemberAsync(string userId, bool activeOnly, CancellationToken ct)
    {
        var row = await MemberRows(db.Users.AsNoTracking().Where(u => u.Id == userId)).SingleOrDefaultAsync(ct);
        return row is null ? null : ToMember(row, activeOnly);
    }

    private sealed record MemberRow(string UserId, DigestSubscription? Subscription, string? Email, bool EmailConfirmed, AccountStatus Status,
        string? DisplayName, string? TimeZoneId, string? UiCulture);

    private IQueryable<MemberRow> MemberRows(IQueryable<DialogueUser> users) =>
        from u in users
        join sub in db.DigestSubscriptions.AsNoTracking() on u.Id equals sub.UserId into subscriptions
        from sub in subscriptions.DefaultIfEmpty()
        select new MemberRow(u.Id, sub, u.Email, u.EmailConfirmed, u.Status, u.DisplayName, u.TimeZoneId, u.UiCulture);

    private static ScheduledRecipient? ToMember(MemberRow row, bool activeOnly)
    {
        if (string.IsNullOrEmpty(row.Email))
        {
            return null;
        }
        if (activeOnly && (row.Subscription is null || row.Subscription.Frequency == DigestFrequency.Off
            || !row.EmailConfirmed || row.Status != AccountStatus.Active))
        {
            return null;
        }
        var s = row.Subscription ?? new DigestSubscription { UserId = row.UserId, Frequency = DigestFrequency.Daily };
        if (s.Frequency == DigestFrequency.Off)
        {
            s.Frequency = DigestFrequency.Daily;
        }
        var zone = TimeZones.TryFind(row.TimeZoneId) ?? TimeZoneInfo.Utc;
        var recipient = new DigestRecipient(DigestRecipientKind.Member, row.UserId, row.Email, row.DisplayName,
            SupportedCultures.For(row.UiCulture), zone, s.Frequency)
        {
            AllSpaces = s.AllSpaces,
            SpaceIds = s.SpaceIds,
            IncludeFollowedThreads = s.IncludeFollowedThreads,
        };
        return new ScheduledRecipient(recipient, new DigestScheduleSpec(s.Frequency, s.Weekday, s.LocalHour, zone),
            s.ScheduleStartsAt, s.SubscribedAt ?? s.ScheduleStartsAt)
        {
            ProfileTimeZoneId = row.TimeZoneId,
        };
    }

    private async Task<ScheduledRecipient?> FindPublicAsync(string id, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var publicId))
        {
            return null;
        }
        var p = await db.PublicSubscribers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == publicId, ct);
        var schedule = options.Value.Public;
        if (p?.ConfirmedAt is not { } confirmedAt || p.UnsubscribedAt is not null || schedule.Frequency == DigestFrequency.Off)
        {
            return null;
        }
        var frequency = schedule.Frequency;
        var recipient = new DigestRecipient(DigestRecipientKind.Public, id, p.Email, null, SupportedCultures.For(p.UiCulture), PublicZone, frequency);
        return new ScheduledRecipient(recipient, new DigestScheduleSpec(frequency, schedule.Weekday, schedule.Hour, PublicZone), confirmedAt, confirmedAt);
    }
}
