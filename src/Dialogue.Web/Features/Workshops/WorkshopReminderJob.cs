using Dialogue.Data;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// The recurring reminder job. It scans only workshops starting within the longest lead time (a range of the indexed
/// start instant), and for each takes the shortest lead time already due: a member who registers an hour before gets the
/// hour's reminder, not the day's as well. Each reminder is a ledger row inserted in the same transaction as its outbox
/// message; the row's unique key (workshop, lead, scheduled instant, member) makes a second build on any node, a retry
/// or a run after a restart fail and send nothing. A new start is a new instant, so a rescheduled workshop is reminded
/// again, at its new time, and never twice for one instant.
/// </summary>
public sealed class WorkshopReminderJob(
    DialogueDbContext db, WorkshopMail mail, IBackgroundJobClient jobs, TimeProvider clock, IOptions<WorkshopReminderOptions> options,
    ILogger<WorkshopReminderJob> logger)
{
    public const string RecurringJobId = "workshop-reminders";

    /// <returns>The reminders queued by this run.</returns>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        var leads = options.Value.LeadTimes;
        if (leads.Count == 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var horizon = now + leads[^1];
        var due = await db.Workshops
            .Where(w => w.CancelledAt == null && w.StartsAt > now && w.StartsAt <= horizon)
            .OrderBy(w => w.StartsAt)
            .Select(w => w.Id)
            .Take(options.Value.MaxWorkshopsPerScan)
            .ToListAsync(ct);
        var queued = 0;
        // One send for the whole run, started below, instead of one per reminder committed.
        using (OutboxSignal.Defer())
        {
            foreach (var workshopId in due)
            {
                queued += await RemindAsync(workshopId, leads, ct);
            }
        }
        if (queued > 0)
        {
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
        return queued;
    }

    private async Task<int> RemindAsync(long workshopId, IReadOnlyList<TimeSpan> leads, CancellationToken ct)
    {
        // Re-read: the workshop may have moved, been cancelled or relabelled since the scan.
        var workshop = await mail.LoadAsync(workshopId, ct);
        var now = clock.GetUtcNow();
        if (workshop is null || workshop.Entry.CancelledAt is not null || workshop.Entry.StartsAt <= now)
        {
            return 0;
        }
        var start = workshop.Entry.StartsAt;
        var lead = leads.FirstOrDefault(l => start - l <= now);
        if (lead == TimeSpan.Zero)
        {
            return 0;
        }
        var leadMinutes = (int)lead.TotalMinutes;
        var scheduledFor = start - lead;
        var registered = await mail.PeopleAsync(workshopId, [WorkshopRegistrationStatus.Registered], ct);
        var done = await db.WorkshopReminders
            .Where(r => r.WorkshopId == workshopId && r.LeadMinutes == leadMinutes && r.ScheduledFor == scheduledFor)
            .Select(r => r.UserId).ToListAsync(ct);
        var todo = registered.Except(done, StringComparer.Ordinal).ToList();
        if (todo.Count == 0)
        {
            return 0;
        }
        var recipients = await mail.ReadersAsync(workshop, todo, ct);
        var site = await EmailRule.SiteAsync(db, ct);
        var queued = 0;
        foreach (var recipient in recipients)
        {
            queued += await QueueOneAsync(workshop, recipient, leadMinutes, scheduledFor, site, ct) ? 1 : 0;
        }
        return queued;
    }

    private async Task<bool> QueueOneAsync(
        WorkshopMail.Subject workshop, WorkshopMail.Recipient recipient, int leadMinutes, DateTimeOffset scheduledFor,
        Data.Digests.DigestEmailSettings site, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // The claim first: a second builder of this reminder waits here for the first to commit, then fails on the key.
                var row = new WorkshopReminder
                {
                    WorkshopId = workshop.Entry.Id,
                    UserId = recipient.UserId,
                    LeadMinutes = leadMinutes,
                    ScheduledFor = scheduledFor,
                    CreatedAt = clock.GetUtcNow(),
                };
                db.WorkshopReminders.Add(row);
                await db.SaveChangesAsync(ct);
                if (await mail.AddAsync(workshop, recipient, WorkshopMailKind.Reminder, site) is { } message)
                {
                    await db.SaveChangesAsync(ct);
                    row.OutboxMessageId = message.Id;
                    await db.SaveChangesAsync(ct);
                }
                await transaction.CommitAsync(ct);
                return true;
            });
        }
        catch (DbUpdateException ex)
        {
            // The key is taken: another node, or an earlier run, built this reminder. Nothing of ours was committed.
            db.ChangeTracker.Clear();
            if (!await db.WorkshopReminders.AnyAsync(r => r.WorkshopId == workshop.Entry.Id && r.LeadMinutes == leadMinutes
                && r.ScheduledFor == scheduledFor && r.UserId == recipient.UserId, ct))
            {
                throw;
            }
            logger.LogInformation(ex, "Reminder {Lead} min for workshop {Workshop} to {User} was built elsewhere", leadMinutes, workshop.Entry.Id, recipient.UserId);
            return false;
        }
    }
}
