using System.Security.Claims;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Whether admins require two-factor authentication for staff (admins and moderators), and whether a given
/// staff member has it. The site setting is read at most once per <see cref="CacheFor"/>, not per request.
/// </summary>
public sealed class StaffTwoFactor(DialogueDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "accounts:require-2fa-for-staff";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public async Task<bool> IsRequiredAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.SiteSettings.Where(s => s.Id == SiteSettings.SingletonId)
                .Select(s => s.RequireTwoFactorForStaff)
                .SingleOrDefaultAsync(ct);
        });

    /// <summary>True when <paramref name="user"/> is staff, the site requires 2FA for staff, and they have not set it up.</summary>
    public async Task<bool> MustSetUpAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true || !IsStaff(user) || !await IsRequiredAsync(ct))
        {
            return false;
        }
        var id = user.UserId();
        return !await db.Users.AnyAsync(u => u.Id == id && u.TwoFactorEnabled, ct);
    }

    /// <summary>For the admin page that changes the setting: the next request reads it afresh.</summary>
    public void Forget() => cache.Remove(CacheKey);
}
