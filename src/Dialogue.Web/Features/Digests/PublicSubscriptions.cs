using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests;

public enum ConfirmResult
{
    Invalid,
    Expired,
    AlreadyConfirmed,
    /// <summary>The link is good and waits for the person to press the button.</summary>
    Pending,
    Confirmed,
}

/// <summary>
/// The public digest's double opt-in. An address gets one confirmation message and nothing else until it is
/// confirmed; asking again while that link still works sends nothing. Answers never tell whether an address is known.
/// </summary>
public sealed class PublicSubscriptions(
    DialogueDbContext db,
    Outbox outbox,
    IStringLocalizer<Text> text,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    IOptions<AppOptions> app)
{
    public const string ConfirmationKind = "digest-confirmation";

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public async Task SubscribeAsync(string email, CultureInfo culture, CancellationToken ct)
    {
        var address = Normalize(email);
        var now = clock.GetUtcNow();
        var subscriber = await db.PublicSubscribers.SingleOrDefaultAsync(p => p.Email == address, ct);
        if (subscriber is not null)
        {
            var active = subscriber.ConfirmedAt is not null && subscriber.UnsubscribedAt is null;
            var pendingLinkWorks = !IsConfirmationUsed(subscriber) && subscriber.ConfirmationSentAt + options.Value.ConfirmationLifetime > now;
            if (active || pendingLinkWorks)
            {
                return;
            }
        }
        else
        {
            subscriber = new PublicSubscriber { Email = address, CreatedAt = now };
            db.PublicSubscribers.Add(subscriber);
        }
        var token = Tokens.New();
        subscriber.ConfirmationTokenHash = Tokens.Hash(token);
        subscriber.ConfirmationSentAt = now;
        subscriber.UiCulture = culture.Name;
        await outbox.AddAsync<ConfirmSubscriptionEmail>(
            new EmailRecipient(address, null, culture),
            ConfirmationKind,
            () => text["Confirm your subscription to the Dialogue digest"],
            new Dictionary<string, object?> { [nameof(ConfirmSubscriptionEmail.Link)] = app.Value.Link("/Digests/Confirm?token=" + token) });
        await db.SaveChangesAsync(ct);
    }

    public async Task<ConfirmResult> CheckAsync(string? token, CancellationToken ct) => (await FindAsync(token, ct)).Result;

    public async Task<ConfirmResult> ConfirmAsync(string? token, CancellationToken ct)
    {
        var (subscriber, result) = await FindAsync(token, ct);
        if (result != ConfirmResult.Pending || subscriber is null)
        {
            return result;
        }
        var now = clock.GetUtcNow();
        subscriber.ConfirmedAt = now;
        subscriber.UnsubscribedAt = null;
        subscriber.NextDueAt = now; // the scheduler works out the first period
        await db.SaveChangesAsync(ct);
        return ConfirmResult.Confirmed;
    }

    private async Task<(PublicSubscriber? Subscriber, ConfirmResult Result)> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (null, ConfirmResult.Invalid);
        }
        var hash = Tokens.Hash(token);
        var subscriber = await db.PublicSubscribers.SingleOrDefaultAsync(p => p.ConfirmationTokenHash == hash, ct);
        if (subscriber is null)
        {
            return (null, ConfirmResult.Invalid);
        }
        if (IsConfirmationUsed(subscriber))
        {
            return (subscriber, ConfirmResult.AlreadyConfirmed);
        }
        if (subscriber.ConfirmationSentAt + options.Value.ConfirmationLifetime <= clock.GetUtcNow())
        {
            return (subscriber, ConfirmResult.Expired);
        }
        return (subscriber, ConfirmResult.Pending);
    }

    private static bool IsConfirmationUsed(PublicSubscriber s) => s.ConfirmedAt is { } at && at >= s.ConfirmationSentAt;
}
