using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests;

/// <summary>/Admin/Digests: the digest runs from the ledger, the site's email column, previews and test messages.</summary>
[Authorize(Policy = Policies.Admin)]
public class AdminModel(DialogueDbContext db, DigestPreviews previews, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public const int RecentRows = 50;

    public const int SubscriberRows = 100;

    public RunCounts Counts { get; private set; } = new();

    public IReadOnlyList<RunRow> Recent { get; private set; } = [];

    public IReadOnlyList<PreviewRow> PreviewLog { get; private set; } = [];

    public DigestStructurePreview? Preview { get; private set; }

    /// <summary>The public digest with its content: CLEAR only, which the admin may read like anyone.</summary>
    public DigestPreview? PublicPreview { get; private set; }

    public SubscriberCounts Subscribers { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<SubscriberRow> SubscriberList { get; private set; } = [];

    public string? PreviewedEmail { get; private set; }

    [BindProperty]
    public PreviewCommand PreviewData { get; set; } = new();

    [BindProperty]
    public EmailColumn Column { get; set; } = new();

    public static readonly IReadOnlyList<SensitivityLabel> Labels = Enum.GetValues<SensitivityLabel>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadColumnAsync(ct);
        await LoadAsync(ct);
    }

    private async Task LoadColumnAsync(CancellationToken ct) => Column = EmailColumn.From(await EmailRule.SiteAsync(db, ct));

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // The email column's form is not part of this post: show it as saved, or saving it next would empty every digest.
        await LoadColumnAsync(ct);
        if (!TryValidateModel(PreviewData, nameof(PreviewData)))
        {
            return await PageAsync(ct);
        }
        Preview = await previews.NextDigestForAdminAsync(AdminId, PreviewData.MemberEmail, ct);
        if (Preview is null)
        {
            ModelState.AddModelError("PreviewData.MemberEmail", text["No member has this email address."]);
        }
        PreviewedEmail = PreviewData.MemberEmail;
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostPublicPreviewAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadColumnAsync(ct);
        PublicPreview = await previews.PublicDigestAsync(System.Globalization.CultureInfo.CurrentUICulture, ct);
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostPublicTestAsync(CancellationToken ct)
    {
        var sent = await previews.SendPublicTestAsync(AdminId, ct);
        TempData["Status"] = sent
            ? text["The public digest is on its way to your address."].Value
            : text["Your account has no email address to send a test to."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostColumnAsync(CancellationToken ct)
    {
        // Only this form's fields count; the preview form's are not part of the post.
        var unreadable = Labels.Where(l => ModelState[nameof(Column) + "." + l]?.Errors.Count > 0).ToHashSet();
        ModelState.Clear();
        foreach (var label in Labels)
        {
            var level = Column.For(label);
            if (unreadable.Contains(label) || !Enum.IsDefined(level) || level > EmailRule.MaximumFor(label))
            {
                ModelState.AddModelError(string.Empty, text["{0} cannot be sent in more detail than the sensitivity model allows.", label.Tlp()]);
            }
        }
        if (!ModelState.IsValid)
        {
            return await PageAsync(ct);
        }
        var site = await db.DigestEmailSettings.SingleAsync(s => s.Id == DigestEmailSettings.SingletonId, ct);
        Column.ApplyTo(site);
        site.UpdatedAt = clock.GetUtcNow();
        site.UpdatedById = AdminId;
        await db.SaveChangesAsync(ct);
        TempData["Status"] = text["The email column is saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var sent = await previews.SendTestAsync(AdminId, ct);
        TempData["Status"] = sent
            ? text["A test digest is on its way to your address."].Value
            : text["Your account has no email address to send a test to."].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private string AdminId => User.UserId() ?? throw new InvalidOperationException("Signed-in page without a user id.");

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var week = now.AddDays(-7);
        var byStatus = await db.DigestLedger.AsNoTracking()
            .Where(l => l.UpdatedAt >= week || l.Status == DigestLedgerStatus.Building || l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Failed)
            .GroupBy(l => new { l.Status, Retrying = l.LockedUntil != null })
            .Select(g => new { g.Key.Status, g.Key.Retrying, Count = g.Count() })
            .ToListAsync(ct);
        int Count(DigestLedgerStatus status, bool? retrying = null) =>
            byStatus.Where(x => x.Status == status && (retrying is null || x.Retrying == retrying)).Sum(x => x.Count);
        Counts = new RunCounts
        {
            Due = await db.DigestSubscriptions.CountAsync(s => s.NextDueAt != null && s.NextDueAt <= now, ct)
                + await db.PublicSubscribers.CountAsync(p => p.NextDueAt != null && p.NextDueAt <= now, ct),
            Building = Count(DigestLedgerStatus.Building),
            Queued = Count(DigestLedgerStatus.Queued),
            WaitingForMailServer = await db.DigestLedger.CountAsync(l => l.Status == DigestLedgerStatus.Queued
                && db.OutboxMessages.Any(m => m.Id == l.OutboxMessageId && m.SentAt == null && m.Attempts > 0), ct),
            Sent = Count(DigestLedgerStatus.Sent),
            SkippedEmpty = Count(DigestLedgerStatus.SkippedEmpty),
            Retrying = Count(DigestLedgerStatus.Failed, retrying: true),
            Failed = Count(DigestLedgerStatus.Failed, retrying: false),
        };

        var subscribers = await db.PublicSubscribers.AsNoTracking()
            .GroupBy(p => new { Confirmed = p.ConfirmedAt != null, Unsubscribed = p.UnsubscribedAt != null })
            .Select(g => new { g.Key.Confirmed, g.Key.Unsubscribed, Count = g.Count() })
            .ToListAsync(ct);
        Subscribers = new SubscriberCounts(
            Confirmed: subscribers.Where(x => x.Confirmed && !x.Unsubscribed).Sum(x => x.Count),
            Unconfirmed: subscribers.Where(x => !x.Confirmed && !x.Unsubscribed).Sum(x => x.Count),
            Unsubscribed: subscribers.Where(x => x.Unsubscribed).Sum(x => x.Count));
        SubscriberList = await db.PublicSubscribers.AsNoTracking()
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new SubscriberRow(p.Email, p.CreatedAt, p.ConfirmedAt, p.UnsubscribedAt))
            .Take(SubscriberRows)
            .ToListAsync(ct);

        Recent = await (
                from l in db.DigestLedger.AsNoTracking()
                join u in db.Users on l.RecipientId equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby l.UpdatedAt descending, l.Id descending
                select new RunRow(l.Id, l.RecipientKind, l.RecipientKind == DigestRecipientKind.Member && u != null ? u.Email : null,
                    l.RecipientId, l.PeriodKey, l.Status, l.Attempts, l.UpdatedAt, l.LastError, l.LockedUntil))
            .Take(RecentRows)
            .ToListAsync(ct);

        PreviewLog = await (
                from a in db.DigestPreviewAudits.AsNoTracking()
                join admin in db.Users on a.AdminUserId equals admin.Id into admins
                from admin in admins.DefaultIfEmpty()
                join member in db.Users on a.MemberUserId equals member.Id into members
                from member in members.DefaultIfEmpty()
                orderby a.At descending
                select new PreviewRow(a.At, admin != null ? admin.Email : a.AdminUserId, member != null ? member.Email : a.MemberUserId))
            .Take(20)
            .ToListAsync(ct);
    }

    public sealed record RunCounts
    {
        public int Due { get; init; }
        public int Building { get; init; }
        public int Queued { get; init; }
        public int WaitingForMailServer { get; init; }
        public int Sent { get; init; }
        public int SkippedEmpty { get; init; }
        public int Retrying { get; init; }
        public int Failed { get; init; }
    }

    public sealed record RunRow(long Id, DigestRecipientKind Kind, string? MemberEmail, string RecipientId, string PeriodKey,
        DigestLedgerStatus Status, int Attempts, DateTimeOffset UpdatedAt, string? LastError, DateTimeOffset? LockedUntil);

    public sealed record PreviewRow(DateTimeOffset At, string? Admin, string? Member);

    public sealed record SubscriberCounts(int Confirmed, int Unconfirmed, int Unsubscribed);

    public sealed record SubscriberRow(string Email, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? UnsubscribedAt);

    public sealed class PreviewCommand
    {
        [Required(ErrorMessage = "Enter the member's email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
        [Display(Name = "Member's email address")]
        public string MemberEmail { get; set; } = "";
    }

    /// <summary>The admin's email column; each level may only be at or below the sensitivity model's maximum.</summary>
    public sealed class EmailColumn
    {
        public EmailDetail Clear { get; set; }
        public EmailDetail Green { get; set; }
        public EmailDetail Amber { get; set; }
        public EmailDetail AmberStrict { get; set; }
        public EmailDetail Red { get; set; }

        public EmailDetail For(SensitivityLabel label) => label switch
        {
            SensitivityLabel.Clear => Clear,
            SensitivityLabel.Green => Green,
            SensitivityLabel.Amber => Amber,
            SensitivityLabel.AmberStrict => AmberStrict,
            _ => Red,
        };

        public static EmailColumn From(DigestEmailSettings s) => new()
        {
            Clear = s.Clear,
            Green = s.Green,
            Amber = s.Amber,
            AmberStrict = s.AmberStrict,
            Red = s.Red,
        };

        public void ApplyTo(DigestEmailSettings s)
        {
            s.Clear = Clear;
            s.Green = Green;
            s.Amber = Amber;
            s.AmberStrict = AmberStrict;
            s.Red = Red;
        }
    }
}
