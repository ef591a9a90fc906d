using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Privacy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// The server-side record of each signed-in browser. Consulted only at sign-in, sign-out and the security-stamp check
/// (every <c>SecurityStampValidatorOptions.ValidationInterval</c>), so an ordinary page view costs no query for it.
/// </summary>
public sealed class SessionsStore(
    DialogueDbContext db, TimeProvider clock, IOptions<SessionsOptions> options, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>The claim in the sign-in cookie that names the session row.</summary>
    public const string Claim = "dlg:session";

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(Claim);

    /// <summary>
    /// The session to write into a new cookie: the browser's current one when it re-signs in as the same account (a
    /// cookie refresh after a profile, password, email or two-factor change), else a new one. When the account's
    /// security stamp changed since the session was recorded, every other session of the account ends here.
    /// </summary>
    public async Task<string> SignedInAsync(DialogueUser user, string? currentId, string? userAgent, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var stamp = StampHash(user.SecurityStamp);
        var current = currentId is null ? null
            : await db.UserSessions.SingleOrDefaultAsync(s => s.Id == currentId && s.UserId == user.Id && s.EndedAt == null, ct);
        if (current is null)
        {
            current = new UserSession
            {
                Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                UserId = user.Id,
                Device = SessionsDevice.Describe(userAgent),
                CreatedAt = now,
                LastSeenAt = now,
                StampHash = stamp,
            };
            db.UserSessions.Add(current);
        }
        else if (current.StampHash != stamp)
        {
            await EndOthersAsync(user.Id, current.Id, ct);
            current.StampHash = stamp;
            current.LastSeenAt = now;
        }
        await db.SaveChangesAsync(ct);
        return current.Id;
    }

    /// <summary>
    /// Whether the cookie's session may go on (it exists, belongs to the account, was not signed out and carries the
    /// account's current stamp); refreshes "last seen" when it is older than the configured resolution.
    /// </summary>
    public async Task<bool> StillActiveAsync(string sessionId, DialogueUser user, CancellationToken ct = default)
    {
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == user.Id, ct);
        if (session is null || session.EndedAt is not null || session.StampHash != StampHash(user.SecurityStamp))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        if (now - session.LastSeenAt >= options.Value.LastSeenResolution)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    public async Task EndAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    public async Task<int> EndOthersAsync(string userId, string keepId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.UserSessions.Where(s => s.UserId == userId && s.Id != keepId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    /// <summary>
    /// The account's sessions that still work: not signed out, under the account's current stamp, and seen within the
    /// cookie's lifetime (an idle browser's cookie has expired by then).
    /// </summary>
    public async Task<List<UserSession>> ActiveAsync(DialogueUser user, CancellationToken ct = default)
    {
        var stamp = StampHash(user.SecurityStamp);
        var seenSince = clock.GetUtcNow() - cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == user.Id && s.EndedAt == null && s.StampHash == stamp && s.LastSeenAt > seenSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(ct);
    }

    public static string StampHash(string? stamp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? "")));
}
