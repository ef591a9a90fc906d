using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// Remembers whether the last write to the database failed for lack of storage, so /healthz can say so without
/// writing on every probe. Any command that fails with a storage fault marks the database unwritable; the next
/// successful save marks it writable again.
/// </summary>
public sealed class DatabaseWriteMonitor(TimeProvider clock) : DbCommandInterceptor, ISaveChangesInterceptor
{
    private volatile Failure? lastFailure;

    public sealed record Failure(DateTimeOffset At, string Cause);

    /// <summary>The storage fault of the last failed write, if no write has succeeded since.</summary>
    public Failure? Unwritable => lastFailure;

    public void Report(Exception exception)
    {
        if (StorageFault.Describe(exception) is { } cause)
        {
            lastFailure = new Failure(clock.GetUtcNow(), cause);
        }
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Report(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Report(eventData.Exception);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(result);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(result);
        return ValueTask.FromResult(result);
    }

    private void Saved(int rows)
    {
        if (rows > 0)
        {
            lastFailure = null; // only a save that wrote something proves the storage takes writes again
        }
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Report(eventData.Exception);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Report(eventData.Exception);
        return Task.CompletedTask;
    }
}
