using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Caching;

/// <summary>
/// Evicts the cached anonymous pages after any committed write that could change one, whatever wrote it: a save, an
/// ExecuteUpdate, raw SQL, a job. It reads the SQL rather than the change tracker so bulk updates are not missed, and it
/// lists what does NOT matter instead of what does, so a new feature's table evicts until someone says otherwise.
/// The eviction waits for the commit: evicting earlier would let a reader cache the old rows again.
/// </summary>
public sealed partial class AnonymousPageEviction(AnonymousPageCache cache, LocalWrites writes) : DbCommandInterceptor, IDbTransactionInterceptor
{
    // Tables a signed-out reader's page never shows, some of them written while members read (read marks, notifications, access log).
    private static readonly HashSet<string> Unshown = new(StringComparer.OrdinalIgnoreCase)
    {
        "ReadStates", "Notifications", "ThreadAccessLog", "Watches", "OutboxMessages", "OutboxMessageThreads",
        "DigestLedger", "DigestSubscriptions", "DigestPreviewAudits", "PublicSubscribers", "DataProtectionKeys",
        "AspNetUserTokens", "AspNetUserLogins", "AdminAuditEntries", "Invitations",
    };

    // Tables no member's remembered counts read (LocalWrites): an audit row or a queued mail moves nothing a page counts.
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "ThreadAccessLog", "AdminAuditEntries", "DataProtectionKeys", "OutboxMessages", "OutboxAttachments", "OutboxMessageThreads",
        "OutboxMessageSubjects", "DigestLedger", "DigestPreviewAudits",
    };

    // One interceptor serves every (pooled) context: what a transaction wrote waits here for its commit.
    private sealed class Pending
    {
        public bool Shown;
        public bool Any;
    }

    private readonly ConditionalWeakTable<DbTransaction, Pending> pending = [];

    // INSERT INTO "T", UPDATE "T", DELETE FROM "T" — but not a row lock (FOR UPDATE) or an upsert's DO UPDATE.
    [GeneratedRegex("""(?<!\bFOR\s+)(?<!\bDO\s+)\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Write();

    public static bool ChangesShownContent(string sql) => Scan(sql).Shown;

    private static (bool Any, bool Shown) Scan(string sql)
    {
        var any = false;
        foreach (Match match in Write().Matches(sql))
        {
            any |= !Uncounted.Contains(match.Groups[1].Value);
            if (!Unshown.Contains(match.Groups[1].Value))
            {
                return (true, true);
            }
        }
        return (any, false);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Wrote(command);
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await WroteAsync(command, cancellationToken);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Wrote(command);
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await WroteAsync(command, cancellationToken);
        return result;
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Wrote(command);
        return result;
    }

    public override async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await WroteAsync(command, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => CommittedAsync(transaction, default).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(transaction, cancellationToken).AsTask();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Wrote(DbCommand command) => WroteAsync(command, default).AsTask().GetAwaiter().GetResult();

    private async ValueTask WroteAsync(DbCommand command, CancellationToken ct)
    {
        if (!cache.Enabled)
        {
            return;
        }
        var (any, shown) = Scan(command.CommandText);
        if (command.Transaction is { } transaction)
        {
            var waiting = pending.GetOrCreateValue(transaction);
            waiting.Shown |= shown;
            waiting.Any |= any;
            return;
        }
        if (any)
        {
            writes.Committed();
        }
        if (shown)
        {
            await cache.EvictAsync(ct);
        }
    }

    private async ValueTask CommittedAsync(DbTransaction transaction, CancellationToken ct)
    {
        if (!pending.TryGetValue(transaction, out var waiting))
        {
            return;
        }
        pending.Remove(transaction);
        if (waiting.Any)
        {
            writes.Committed();
        }
        if (waiting.Shown)
        {
            await cache.EvictAsync(ct);
        }
    }
}
