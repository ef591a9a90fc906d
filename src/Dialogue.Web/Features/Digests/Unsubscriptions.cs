using Dialogue.Data;
using Dialogue.Data.Digests;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Digests;

public enum UnsubscribeResult
{
    /// <summary>Forged, altered, or for an address the recipient no longer has: nothing changed.</summary>
    Invalid,
    /// <summary>The subscription no longer exists (account or subscriber removed): nothing to change.</summary>
    Gone,
    AlreadyUnsubscribed,
    /// <summary>The link is good; the address still receives the digest.</summary>
    Subscribed,
    Unsubscribed,
}

/// <summary>Unsubscribes by token, for the one-click POST, the confirm button and (via an operator's mail handler) the mailto.</summary>
public sealed class Unsubscriptions(DialogueDbContext db, UnsubscribeTokens tokens, TimeProvider clock)
{
    public async Task<UnsubscribeResult> CheckAsync(string? token, CancellationToken ct) => await RunAsync(token, apply: false, ct);

    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken ct) => await RunAsync(token, apply: true, ct);

    private async Task<UnsubscribeResult> RunAsync(string? token, bool apply, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } target)
        {
            return UnsubscribeResult.Invalid;
        }
        var now = clock.GetUtcNow();
        if (target.Kind == DigestRecipientKind.Member)
        {
            var email = await db.Users.Where(u => u.Id == target.RecipientId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            var subscription = await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.UserId == target.RecipientId, ct);
            if (email is null || subscription is null)
            {
                return UnsubscribeResult.Gone;
            }
            if (!string.Equals(email, target.Address, StringComparison.OrdinalIgnoreCase))
            {
                return UnsubscribeResult.Invalid;
            }
            if (subscription.Frequency == DigestFrequency.Off)
            {
                return UnsubscribeResult.AlreadyUnsubscribed;
            }
            if (apply)
            {
                subscription.Frequency = DigestFrequency.Off;
                subscription.UnsubscribedAt = now;
                subscription.UpdatedAt = now;
                subscription.NextDueAt = null;
                await db.SaveChangesAsync(ct);
                return UnsubscribeResult.Unsubscribed;
            }
            return UnsubscribeResult.Subscribed;
        }

        if (!long.TryParse(target.RecipientId, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || await db.PublicSubscribers.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } subscriber)
        {
            return UnsubscribeResult.Gone;
        }
        if (!string.Equals(subscriber.Email, target.Address, StringComparison.OrdinalIgnoreCase))
        {
            return UnsubscribeResult.Invalid;
        }
        if (subscriber.UnsubscribedAt is not null || subscriber.ConfirmedAt is null)
        {
            return UnsubscribeResult.AlreadyUnsubscribed;
        }
        if (apply)
        {
            subscriber.UnsubscribedAt = now;
            subscriber.NextDueAt = null;
            await db.SaveChangesAsync(ct);
            return UnsubscribeResult.Unsubscribed;
        }
        return UnsubscribeResult.Subscribed;
    }
}
