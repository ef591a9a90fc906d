using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Digests;

public sealed record DigestPreview(DigestView View, DigestLinks Links, string Subject);

public sealed record DigestStructurePreview(DigestStructure Structure, string Subject);

/// <summary>Digests looked at outside the schedule: in the browser, in an admin's preview, as a test message.</summary>
public sealed class DigestPreviews(
    DialogueDbContext db,
    DigestRecipients recipients,
    DigestComposer composer,
    DigestDelivery delivery,
    Outbox outbox,
    IStringLocalizer<Text> text,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    IOptions<AppOptions> app)
{
    public const string TestKind = "digest-test";

    public const string PublicTestKind = "digest-public-test";

    /// <summary>
    /// The public digest as a subscriber would get it now for the last period: built by the same sections and
    /// redaction as a signed-out visitor (CLEAR only), so an admin may see its content. No subscriber is named and the
    /// links carry no unsubscribe token.
    /// </summary>
    public async Task<DigestPreview> PublicDigestAsync(CultureInfo culture, CancellationToken ct)
    {
        var frequency = options.Value.Public.Frequency == DigestFrequency.Daily ? DigestFrequency.Daily : DigestFrequency.Weekly;
        var recipient = new DigestRecipient(DigestRecipientKind.Public, "preview", "", null, culture, recipients.PublicZone, frequency);
        var until = clock.GetUtcNow();
        var since = until - (frequency == DigestFrequency.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1));
        var view = await composer.ComposeAsync(recipient, since, until, ct);
        var links = new DigestLinks { Home = app.Value.Link("/"), SignIn = app.Value.Link("/Accounts/SignIn") };
        using var language = CultureScope.Use(culture);
        return new DigestPreview(view, links, DigestSubject.For(view, text, test: true));
    }

    /// <summary>Sends the public digest, as <see cref="PublicDigestAsync"/> builds it, to the admin through the outbox.</summary>
    public async Task<bool> SendPublicTestAsync(string adminId, CancellationToken ct)
    {
        var admin = await db.Users.AsNoTracking().Where(u => u.Id == adminId)
            .Select(u => new { u.Email, u.DisplayName, u.UiCulture }).SingleOrDefaultAsync(ct);
        if (admin?.Email is not { Length: > 0 } address)
        {
            return false;
        }
        var culture = SupportedCultures.For(admin.UiCulture);
        var preview = await PublicDigestAsync(culture, ct);
        await outbox.AddAsync<DigestEmail>(
            new EmailRecipient(address, admin.DisplayName, culture),
            PublicTestKind,
            () => DigestSubject.For(preview.View, text, test: true),
            new Dictionary<string, object?> { [nameof(DigestEmail.View)] = preview.View, [nameof(DigestEmail.Links)] = preview.Links },
            threads: preview.View.Threads,
            subjects: preview.View.Subjects);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A sent digest, rebuilt for its window as its recipient now reads: access lost since the email was sent is
    /// respected. Null unless <paramref name="viewerId"/> is that recipient.
    /// </summary>
    public async Task<DigestPreview?> SentDigestAsync(long ledgerId, string viewerId, CancellationToken ct)
    {
        var entry = await db.DigestLedger.AsNoTracking()
            .Where(l => l.Id == ledgerId && l.RecipientKind == DigestRecipientKind.Member && l.RecipientId == viewerId
                && (l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent))
            .Select(l => new { l.Since, l.Until, l.Frequency })
            .SingleOrDefaultAsync(ct);
        if (entry?.Since is not { } since || entry.Until is not { } until
            || await recipients.FindMemberAnywayAsync(viewerId, ct) is not { } scheduled)
        {
            return null;
        }
        var recipient = scheduled.Recipient with { Frequency = entry.Frequency };
        return await BuildAsync(recipient, since, until, ledgerId, test: false, ct);
    }

    /// <summary>
    /// The shape of the member's next digest (sections, how many entries of each label, the subject's label), never
    /// its content: the admin has no reading exception, so a preview shows nothing the admin might not read. The look
    /// is written to the audit log first. Section names are in the current (the admin's) language.
    /// </summary>
    public async Task<DigestStructurePreview?> NextDigestForAdminAsync(string adminId, string memberEmail, CancellationToken ct)
    {
        var normalized = memberEmail.Trim().ToUpperInvariant();
        var memberId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (memberId is null || await recipients.FindMemberAnywayAsync(memberId, ct) is not { } scheduled)
        {
            return null;
        }
        db.DigestPreviewAudits.Add(new DigestPreviewAudit { At = clock.GetUtcNow(), AdminUserId = adminId, MemberUserId = memberId });
        await db.SaveChangesAsync(ct);
        var (since, until) = await NextWindowAsync(scheduled, ct);
        var structure = await composer.StructureAsync(scheduled.Recipient, since, until, ct);
        var subject = $"[{structure.HighestLabel.Tlp()}] " + DigestSubject.Title(scheduled.Recipient, text);
        return new DigestStructurePreview(structure, subject);
    }

    /// <summary>Sends the member their own next digest now, marked as a test; the schedule and the ledger are untouched.</summary>
    public async Task<bool> SendTestAsync(string userId, CancellationToken ct)
    {
        if (await recipients.FindMemberAnywayAsync(userId, ct) is not { } scheduled)
        {
            return false;
        }
        var (since, until) = await NextWindowAsync(scheduled, ct);
        var preview = await BuildAsync(scheduled.Recipient, since, until, ledgerId: null, test: true, ct);
        var recipient = scheduled.Recipient;
        await outbox.AddAsync<DigestEmail>(
            new EmailRecipient(recipient.Address, recipient.Name, recipient.Culture),
            TestKind,
            () => DigestSubject.For(preview.View, text, test: true),
            new Dictionary<string, object?> { [nameof(DigestEmail.View)] = preview.View, [nameof(DigestEmail.Links)] = preview.Links },
            delivery.HeadersFor(recipient, preview.Links),
            preview.View.Threads,
            preview.View.Subjects);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<(DateTimeOffset Since, DateTimeOffset Until)> NextWindowAsync(ScheduledRecipient scheduled, CancellationToken ct)
    {
        var r = scheduled.Recipient;
        var until = clock.GetUtcNow();
        var lastUntil = await db.DigestLedger.AsNoTracking()
            .Where(l => l.RecipientKind == r.Kind && l.RecipientId == r.Id && l.Until != null
                && (l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent || l.Status == DigestLedgerStatus.SkippedEmpty))
            .MaxAsync(l => l.Until, ct);
        var period = scheduled.Schedule.Frequency == DigestFrequency.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);
        var floor = until - DigestDelivery.MaxLookback(scheduled.Schedule.Frequency);
        var since = lastUntil ?? until - period;
        return (since < floor ? floor : since, until);
    }

    private async Task<DigestPreview> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, long? ledgerId, bool test, CancellationToken ct)
    {
        var view = await composer.ComposeAsync(recipient, since, until, ct);
        var links = delivery.LinksFor(recipient, ledgerId);
        using var language = CultureScope.Use(recipient.Culture);
        return new DigestPreview(view, links, DigestSubject.For(view, text, test));
    }
}
