using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// Deletes an account at its owner's request. The account row stays, emptied of everything personal, because posts,
/// threads, flags and the moderation log point at it (Restrict foreign keys): removing it would mean deleting or
/// re-attributing what others replied to. Its posts stay and show the name "Deleted member" wherever a name appears;
/// the status <see cref="AccountStatus.Deleted"/> keeps it out of profiles, mentions and sign-in.
/// </summary>
public sealed class PersonalDataErasure(DialogueDbContext db, AdminAudit audit)
{
    /// <summary>Stored as the name, so every surface that shows an author's name shows this without a special case.</summary>
    public const string DeletedMemberName = "Deleted member";

    public async Task EraseMemberAsync(string userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var address = user.Email;
        var postsKept = await db.Posts.CountAsync(p => p.AuthorId == userId, ct);

        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.DigestSubscriptions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.DigestLedger.Where(e => e.RecipientKind == DigestRecipientKind.Member && e.RecipientId == userId).ExecuteDeleteAsync(ct);
        await db.Watches.Where(w => w.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.RecipientId == userId).ExecuteDeleteAsync(ct);
        await db.ReadStates.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Invitations.Where(i => i.InvitedById == userId).ExecuteDeleteAsync(ct);
        await db.SpaceMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
        await db.ThreadParticipants.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        await db.MemberSilences.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        if (address is not null)
        {
            // Sent and unsent mail to the address: copies of digests, notices and links that name the member.
            await db.OutboxMessages.Where(m => m.ToAddress == address).ExecuteDeleteAsync(ct);
        }
        // Authenticator key, recovery codes, remembered external logins, roles and claims.
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);

        var placeholder = "deleted-" + userId;
        user.UserName = placeholder;
        user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.AccessFailedCount = 0;
        user.DisplayName = DeletedMemberName;
        user.Affiliation = null;
        user.Country = null;
        user.PreferredLanguages = null;
        user.UiCulture = null;
        user.TimeZoneId = "UTC";
        user.Bio = null;
        user.Status = AccountStatus.Deleted;
        user.SuspendedUntil = null;
        user.SuspensionReason = null;

        // The audit names only the (now anonymous) account id and what was kept: none of the erased data.
        audit.Record(userId, AuditActions.AccountDeleted, userId,
            string.Create(CultureInfo.InvariantCulture, $"Deleted by its owner; {postsKept} posts kept as \"{DeletedMemberName}\"."));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <returns>False when the subscriber was already gone.</returns>
    public async Task<bool> ErasePublicSubscriberAsync(long subscriberId, string address, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = subscriberId.ToString(CultureInfo.InvariantCulture);
        var removed = await db.PublicSubscribers.Where(s => s.Id == subscriberId && s.Email == address).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return false;
        }
        await db.DigestLedger.Where(e => e.RecipientKind == DigestRecipientKind.Public && e.RecipientId == key).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(m => m.ToAddress == address).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
