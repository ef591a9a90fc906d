using System.Text;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Calendars;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Dialogue.Web.Features.Workshops;

public enum WorkshopMailKind
{
    Reminder,
    Rescheduled,
    Cancelled,
    Minutes,
}

/// <summary>
/// Reminders, notices of a new time or a cancellation, and minutes announcements to a workshop's people. Each message
/// and its .ics attachment carry only what the label's email column allows, through the one rule the calendars use
/// (<see cref="AccessPolicy.CalendarDetailFor"/>), and go only to recipients who may read the workshop now.
/// </summary>
public sealed class WorkshopMail(
    DialogueDbContext db, Outbox outbox, WorkshopCalendar calendar, TimeProvider clock, IOptions<AppOptions> app, IStringLocalizer<Text> text)
{
    public const string ReminderKind = "workshop-reminder";
    public const string RescheduledKind = "workshop-rescheduled";
    public const string CancelledKind = "workshop-cancelled";
    public const string MinutesKind = "workshop-minutes";

    /// <summary>A workshop as its emails need it.</summary>
    public sealed record Subject(CalendarEntry Entry, WorkshopFacts Facts, long? ThreadId, string? MinutesHtml);

    public sealed record Recipient(string UserId, string Address, string Name, string? UiCulture, string? TimeZoneId);

    public async Task<Subject?> LoadAsync(long workshopId, CancellationToken ct)
    {
        var row = await db.Workshops.AsNoTracking().Where(w => w.Id == workshopId)
            .Select(w => new
            {
                Entry = new CalendarEntry(w.Id, w.Title, w.DescriptionHtml, w.Label, w.TimeZoneId, w.StartsAt, w.EndsAt, w.Sequence, w.CancelledAt,
                    w.UpdatedAt, w.Venue, w.OnlineLink),
                w.SpaceId,
                w.RegistrationMode,
                w.ThreadId,
                w.MinutesHtml,
                Organisers = w.Organisers.Select(o => o.UserId).ToList(),
                Invitees = w.Registrations.Where(r => r.InvitedAt != null).Select(r => r.UserId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new Subject(row.Entry,
            new WorkshopFacts(row.SpaceId, row.Entry.Label, row.Organisers, row.Invitees, row.RegistrationMode, row.Entry.CancelledAt is not null),
            row.ThreadId, row.MinutesHtml);
    }

    /// <summary>The members among <paramref name="userIds"/> with an address who may read the workshop, each built as a viewer (a fixed number of queries).</summary>
    public async Task<IReadOnlyList<Recipient>> ReadersAsync(Subject workshop, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return [];
        }
        var viewers = await ViewerLoader.ForUsersAsync(db, userIds, ct);
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, u.Email!, u.DisplayName, u.UiCulture, u.TimeZoneId)).ToListAsync(ct);
        return [.. people.Where(p => viewers.TryGetValue(p.UserId, out var viewer) && AccessPolicy.CanRead(viewer, workshop.Facts))];
    }

    /// <summary>The user ids of a workshop's registrations in the given statuses.</summary>
    public Task<List<string>> PeopleAsync(long workshopId, IReadOnlyCollection<WorkshopRegistrationStatus> statuses, CancellationToken ct) =>
        db.WorkshopRegistrations.Where(r => r.WorkshopId == workshopId && statuses.Contains(r.Status)).Select(r => r.UserId).ToListAsync(ct);

    /// <summary>
    /// Adds one message to the outbox (saved by the caller), or nothing when the admin has made the label send no email.
    /// </summary>
    public async Task<OutboxMessage?> AddAsync(Subject workshop, Recipient to, WorkshopMailKind kind, DigestEmailSettings site)
    {
        var entry = workshop.Entry;
        if (EmailRule.LevelFor(entry.Label, site) == EmailDetail.Nothing)
        {
            return null;
        }
        var detail = AccessPolicy.CalendarDetailFor(entry.Label, site);
        var culture = SupportedCultures.For(to.UiCulture);
        var zone = WorkshopTime.Zone(to.TimeZoneId) ?? DateTimeZone.Utc;
        var organiserZone = WorkshopTime.Zone(entry.TimeZoneId) ?? DateTimeZone.Utc;

        string name, subject, when, organiserWhen;
        string? excerpt = null;
        IReadOnlyCollection<EmailAttachment>? attachments = null;
        using (CultureScope.Use(culture))
        {
            name = detail switch
            {
                CalendarDetail.TimesOnly => text["Dialogue workshop"],
                CalendarDetail.RestrictedNotice => text["Restricted workshop"],
                _ => $"“{EmailRule.Title(entry.Title)}”",
            };
            subject = EmailRule.Subject(entry.Label, kind switch
            {
                WorkshopMailKind.Reminder => text["Reminder: {0}", name],
                WorkshopMailKind.Rescheduled => text["New time: {0}", name],
                WorkshopMailKind.Cancelled => text["Cancelled: {0}", name],
                _ => text["Minutes: {0}", name],
            });
            when = Span(entry.StartsAt, entry.EndsAt, zone);
            organiserWhen = Span(entry.StartsAt, entry.EndsAt, organiserZone);
            var source = kind == WorkshopMailKind.Minutes ? workshop.MinutesHtml ?? "" : entry.DescriptionHtml;
            var plain = EmailRule.Excerpt(WorkshopCalendar.PlainText(source));
            excerpt = detail switch
            {
                CalendarDetail.Full => plain,
                CalendarDetail.TitleAndShortExcerpt => Cut(plain, WorkshopCalendar.ShortExcerptLength),
                _ => null,
            };
            if (kind != WorkshopMailKind.Minutes)
            {
                var ics = calendar.ForWorkshop(entry, site, invitation: true);
                var method = entry.CancelledAt is null ? "REQUEST" : "CANCEL";
                attachments = [new EmailAttachment($"workshop-{entry.Id}.ics", $"text/calendar; charset=utf-8; method={method}", Encoding.UTF8.GetBytes(ics))];
            }
        }
        var parameters = new Dictionary<string, object?>
        {
            [nameof(WorkshopEmail.Kind)] = kind,
            [nameof(WorkshopEmail.RecipientName)] = to.Name,
            [nameof(WorkshopEmail.Name)] = name,
            [nameof(WorkshopEmail.When)] = when,
            [nameof(WorkshopEmail.OrganiserWhen)] = zone.Id == organiserZone.Id ? null : organiserWhen,
            [nameof(WorkshopEmail.Excerpt)] = string.IsNullOrWhiteSpace(excerpt) ? null : excerpt,
            [nameof(WorkshopEmail.Where)] = detail == CalendarDetail.Full ? entry.Venue ?? entry.OnlineLink : null,
            // RED: the times and nothing else; not even a link, which would name the workshop.
            [nameof(WorkshopEmail.Link)] = detail == CalendarDetail.TimesOnly ? null : app.Value.Link($"/Workshops/{entry.Id}"),
            [nameof(WorkshopEmail.HasCalendar)] = attachments is not null,
        };
        return await outbox.AddAsync<WorkshopEmail>(
            new EmailRecipient(to.Address, to.Name, culture),
            kind switch
            {
                WorkshopMailKind.Reminder => ReminderKind,
                WorkshopMailKind.Rescheduled => RescheduledKind,
                WorkshopMailKind.Cancelled => CancelledKind,
                _ => MinutesKind,
            },
            () => subject,
            parameters,
            threads: workshop.ThreadId is { } threadId ? [new CarriedThread(threadId, entry.Label)] : null,
            subjects: [new CarriedSubject(CarriedSubjectKind.Workshop, entry.Id, entry.Label)],
            attachments: attachments);
    }

    /// <summary>Notices to everyone given, at once (the caller saves them with the change that caused them).</summary>
    public async Task<int> NotifyAsync(long workshopId, WorkshopMailKind kind, IReadOnlyCollection<WorkshopRegistrationStatus> statuses, CancellationToken ct)
    {
        if (await LoadAsync(workshopId, ct) is not { } workshop)
        {
            return 0;
        }
        var recipients = await ReadersAsync(workshop, await PeopleAsync(workshopId, statuses, ct), ct);
        var site = await EmailRule.SiteAsync(db, ct);
        var queued = 0;
        foreach (var recipient in recipients)
        {
            queued += await AddAsync(workshop, recipient, kind, site) is null ? 0 : 1;
        }
        return queued;
    }

    /// <summary>
    /// Reminders queued but not yet sent no longer hold (a new time, a cancellation): they are withdrawn, and on a new time
    /// their ledger rows go too, so the reminders are built again for the time the workshop now has.
    /// </summary>
    public async Task WithdrawQueuedRemindersAsync(long workshopId, string reason, bool forgetLedger, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var queued = db.WorkshopReminders.Where(r => r.WorkshopId == workshopId && r.OutboxMessageId != null
            && db.OutboxMessages.Any(m => m.Id == r.OutboxMessageId && m.SentAt == null && m.FailedAt == null));
        var messageIds = await queued.Select(r => r.OutboxMessageId!.Value).ToListAsync(ct);
        if (messageIds.Count == 0)
        {
            return;
        }
        if (forgetLedger)
        {
            await db.WorkshopReminders.Where(r => r.OutboxMessageId != null && messageIds.Contains(r.OutboxMessageId.Value)).ExecuteDeleteAsync(ct);
        }
        await db.OutboxMessages.Where(m => messageIds.Contains(m.Id) && m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAt, now)
            .SetProperty(m => m.LastError, "Withdrawn: " + reason), ct);
    }

    /// <summary>"Tue 1 Dec 2026 09:00–12:00 London (GMT)", in the current culture; the end's day named when it differs.</summary>
    private static string Span(DateTimeOffset start, DateTimeOffset end, DateTimeZone zone)
    {
        var (from, to) = (WorkshopTime.InZone(start, zone), WorkshopTime.InZone(end, zone));
        var last = from.Date == to.Date ? WorkshopTime.Format(to.LocalDateTime, "HH:mm") : WorkshopTime.Format(to.LocalDateTime, "ddd d MMM yyyy HH:mm");
        return $"{WorkshopTime.Format(from.LocalDateTime, "ddd d MMM yyyy HH:mm")}–{last} {WorkshopTime.ZoneLabel(zone, start)}";
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 1)].TrimEnd() + "…";
}
