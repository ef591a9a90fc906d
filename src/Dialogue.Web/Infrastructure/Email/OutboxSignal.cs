using System.Data.Common;
using System.Runtime.CompilerServices;
using Dialogue.Data.Email;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Email;

/// <summary>
/// Starts the sending job as soon as a change that wrote outbox rows is committed, so mail leaves within seconds
/// instead of at the next recurring run: after a plain save, or after the commit of the transaction the rows were
/// saved in (never before, when the sender could not see them yet, and never for a rolled-back transaction).
/// The recurring run still catches anything missed.
/// </summary>
public sealed class OutboxSignal(IBackgroundJobClient jobs) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<bool> deferred = new();

    // One interceptor serves every (pooled) context: what a context saved waits here for its commit.
    private sealed class Pending
    {
        public bool Messages;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    private Pending For(DbContext? context) => context is null ? new Pending() : pending.GetOrCreateValue(context);

    /// <summary>
    /// Until disposed, commits on this async flow start no send: a job that writes many messages (a digest batch)
    /// starts one send when it is done rather than one per message.
    /// </summary>
    public static IDisposable Defer()
    {
        var outer = deferred.Value;
        deferred.Value = true;
        return new Restore(outer);
    }

    private sealed class Restore(bool outer) : IDisposable
    {
        public void Dispose() => deferred.Value = outer;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        For(eventData.Context).Messages |= HasNewMessages(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        For(eventData.Context).Messages |= HasNewMessages(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalUnlessInTransaction(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalUnlessInTransaction(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ForgetUnlessInTransaction(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    // A save's own transaction (EF wraps a multi-statement save in one) commits here too, before SavedChanges.
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Signal(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Signal(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        For(eventData.Context).Messages = false;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => For(eventData.Context).Messages = false;

    private static bool HasNewMessages(DbContext? context) =>
        context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added) == true;

    private void SignalUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Signal(context);
        }
    }

    private void ForgetUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            For(context).Messages = false;
        }
    }

    private void Signal(DbContext? context)
    {
        var saved = For(context);
        if (saved.Messages)
        {
            saved.Messages = false;
            if (deferred.Value)
            {
                return;
            }
            jobs.Enqueue<OutboxSender>(sender => sender.SendDueAsync(CancellationToken.None));
        }
    }
}
