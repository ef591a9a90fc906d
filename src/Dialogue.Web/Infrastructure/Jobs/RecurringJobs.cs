using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Privacy.AccessReviews;
using Dialogue.Web.Features.Workshops;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Email;
using Hangfire;

namespace Dialogue.Web.Infrastructure.Jobs;

/// <summary>Every recurring schedule of the app, in one place.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs, RetentionOptions retention, AccessReviewOptions accessReview)
    {
        jobs.AddOrUpdate<OutboxSender>("outbox-send", JobsOptions.MailQueue, sender => sender.SendDueAsync(CancellationToken.None), Cron.Minutely());
        // Digests go out within five minutes of each recipient's local hour.
        jobs.AddOrUpdate<DigestScheduler>(DigestScheduler.RecurringJobId, scheduler => scheduler.ScanAsync(CancellationToken.None), "*/5 * * * *");
        // A minute's scan of an indexed range of start times, so an hour's reminder is at most a minute late.
        jobs.AddOrUpdate<WorkshopReminderJob>(WorkshopReminderJob.RecurringJobId, job => job.ScanAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.PurgeDueAsync(CancellationToken.None), retention.Schedule);
        jobs.AddOrUpdate<SqliteStatistics>(SqliteStatistics.RecurringJobId, statistics => statistics.RefreshAsync(CancellationToken.None), Cron.Daily(3, 30));
        jobs.AddOrUpdate<AccessReviewJob>(AccessReviewJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), accessReview.Schedule);
        // Scheduled threads and posts appear within a minute of their time.
        jobs.AddOrUpdate<Embargoes>(Embargoes.RecurringJobId, embargoes => embargoes.ReleaseDueAsync(CancellationToken.None), Cron.Minutely());
    }
}
