using System.Security.Cryptography;
using System.Text;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Calendars;

/// <summary>Members' personal feed tokens, and what a feed lists: the workshops its member registered for or organises, read as that member.</summary>
public sealed class CalendarFeeds(DialogueDbContext db, TimeProvider clock)
{
    /// <summary>How far back a feed reaches: recent workshops stay, so a calendar does not drop them the day after.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(90);
    public const int MaxEntries = 500;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public Task<WorkshopCalendarFeed?> MineAsync(string userId, CancellationToken ct) =>
        db.WorkshopCalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, ct);

    /// <summary>A new token for the member's feed, replacing any earlier one (which stops working at once); shown once, kept only hashed.</summary>
    public async Task<string> IssueAsync(string userId, CancellationToken ct)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var feed = await db.WorkshopCalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            feed = new WorkshopCalendarFeed { UserId = userId };
            db.WorkshopCalendarFeeds.Add(feed);
        }
        feed.TokenHash = Hash(token);
        feed.CreatedAt = clock.GetUtcNow();
        feed.RevokedAt = null;
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task RevokeAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.WorkshopCalendarFeeds.Where(f => f.UserId == userId && f.TokenHash != null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.TokenHash, (string?)null).SetProperty(f => f.RevokedAt, now), ct);
    }

    public async Task SetIncludeRedAsync(string userId, bool includeRed, CancellationToken ct) =>
        await db.WorkshopCalendarFeeds.Where(f => f.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.IncludeRed, includeRed), ct);

    /// <summary>The live feed a token opens, or null for an unknown or revoked one (the page answers 404 alike).</summary>
    public async Task<WorkshopCalendarFeed?> FindAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        return await db.WorkshopCalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
    }

    /// <summary>The feed's workshops, read as its member through the one policy query; RED only when they turned it on.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Viewer viewer, bool includeRed, CancellationToken ct)
    {
        if (viewer.UserId is not { } userId || !viewer.IsApproved)
        {
            return [];
        }
        var since = clock.GetUtcNow() - LookBack;
        var query = db.Workshops.AsNoTracking().VisibleTo(viewer)
            .Where(w => w.EndsAt >= since)
            .Where(w => w.Organisers.Any(o => o.UserId == userId)
                || w.Registrations.Any(r => r.UserId == userId && r.Status == WorkshopRegistrationStatus.Registered));
        if (!AccessPolicy.MayListInFeed(SensitivityLabel.Red, includeRed))
        {
            query = query.Where(w => w.Label != SensitivityLabel.Red);
        }
        var entries = await query.OrderBy(w => w.StartsAt).Take(MaxEntries).Select(Projection).ToListAsync(ct);
        return [.. entries.Where(e => AccessPolicy.MayListInFeed(e.Label, includeRed))];
    }

    public static readonly System.Linq.Expressions.Expression<Func<Workshop, CalendarEntry>> Projection = w => new CalendarEntry(
        w.Id, w.Title, w.DescriptionHtml, w.Label, w.TimeZoneId, w.StartsAt, w.EndsAt, w.Sequence, w.CancelledAt, w.UpdatedAt, w.Venue, w.OnlineLink);
}
