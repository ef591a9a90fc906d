using Dialogue.Web.Infrastructure.Email;
using Hangfire;

namespace Dialogue.Web.Infrastructure.Jobs;

/// <summary>Every recurring schedule of the app, in one place.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<OutboxSender>("outbox-send", sender => sender.SendDueAsync(CancellationToken.None), Cron.Minutely());
    }
}
