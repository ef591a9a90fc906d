using Dialogue.Data.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// Starts the sending job as soon as a change that wrote outbox rows is committed, so mail leaves
/// within seconds instead of at the next recurring run. The recurring run still catches anything missed.
/// </summary>
public sealed class OutboxSignal(IBackgroundJobClient jobs) : SaveChangesInterceptor
{
    private bool pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        pending |= eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added) == true;
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (pending && eventData.Context?.Database.CurrentTransaction is null)
        {
            pending = false;
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}
