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
    /// <summary>Undone: the address receives the digest again.</summary>
    Resubscribed,
}

/// <param name="Previous">What the member received before, for the undo button to restore.</param>
public sealed record UnsubscribeOutcome(UnsubscribeResult Result, DigestFrequency Previous = DigestFrequency.Daily);

/// <summary>Unsubscribes by token, for the one-click POST, the confirm button and (via an operator's mail handler) the mailto.</summary>
public sealed class Unsubscriptions(DialogueDbContext db, UnsubscribeTokens tokens, TimeProvider clock)
{
    public async Task<UnsubscribeResult> CheckAsync(string? token, CancellationToken ct) => (await RunAsync(token, apply: false, ct)).Result;

    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token, CancellationToken ct) => await RunAsync(token, apply: true, ct);

    /// <summary>
    /// Undoes an unsubscribe with the same signed token. The schedule restarts from now, as when a member turns the
    /// digest on in their settings, so nothing missed while unsubscribed is sent in a burst.
    /// </summary>
    public async Task<UnsubscribeResult> ResubscribeAsync(string? token, DigestFrequency frequency, CancellationToken ct)
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
            if (subscription.Frequency != DigestFrequency.Off)
            {
                return UnsubscribeResult.Subscribed;
            }
            subscription.Frequency = frequency == DigestFrequency.Weekly ? DigestFrequency.Weekly : DigestFrequency.Daily;
            subscription.ScheduleStartsAt = now;
            subscription.SubscribedAt = now;
            subscription.UnsubscribedAt = null;
            subscription.UpdatedAt = now;
            subscription.NextDueAt = now;
            await db.SaveChangesAsync(ct);
            return UnsubscribeResult.Resubscribed;
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
        if (subscriber.ConfirmedAt is null)
        {
            // Never confirmed: an unsubscribe link cannot stand in for the double opt-in.
            return UnsubscribeResult.Gone;
        }
        if (subscriber.UnsubscribedAt is null)
        {
            return UnsubscribeResult.Subscribed;
        }
        subscriber.UnsubscribedAt = null;
        subscriber.NextDueAt = now;
        await db.SaveChangesAsync(ct);
        return UnsubscribeResult.Resubscribed;
    }

    private async Task<UnsubscribeOutcome> RunAsync(string? token, bool apply, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } target)
        {
            return new(UnsubscribeResult.Invalid);
        }
        var now = clock.GetUtcNow();
        if (target.Kind == DigestRecipientKind.Member)
        {
            var email = await db.Users.Where(u => u.Id == target.RecipientId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            var subscription = await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.UserId == target.RecipientId, ct);
            if (email is null || subscription is null)
            {
                return new(UnsubscribeResult.Gone);
            }
            if (!string.Equals(email, target.Address, StringComparison.OrdinalIgnoreCase))
            {
                return new(UnsubscribeResult.Invalid);
            }
            if (subscription.Frequency == DigestFrequency.Off)
            {
                return new(UnsubscribeResult.AlreadyUnsubscribed);
            }
            if (apply)
            {
                var previous = subscription.Frequency;
                subscription.Frequency = DigestFrequency.Off;
                subscription.UnsubscribedAt = now;
                subscription.UpdatedAt = now;
                subscription.NextDueAt = null;
                await db.SaveChangesAsync(ct);
                return new(UnsubscribeResult.Unsubscribed, previous);
            }
            return new(UnsubscribeResult.Subscribed);
        }

        if (!long.TryParse(target.RecipientId, System.Globalization.CultureInfo.InvariantCulture, out var id)
            || await db.PublicSubscribers.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } subscriber)
        {
            return new(UnsubscribeResult.Gone);
        }
        if (!string.Equals(subscriber.Email, target.Address, StringComparison.OrdinalIgnoreCase))
        {
            return new(UnsubscribeResult.Invalid);
        }
        if (subscriber.UnsubscribedAt is not null || subscriber.ConfirmedAt is null)
        {
            return new(UnsubscribeResult.AlreadyUnsubscribed);
        }
        if (apply)
        {
            subscriber.UnsubscribedAt = now;
            subscriber.NextDueAt = null;
            await db.SaveChangesAsync(ct);
            return new(UnsubscribeResult.Unsubscribed);
        }
        return new(UnsubscribeResult.Subscribed);
    }
}
