using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// PRAGMA secure_delete=ON on every SQLite connection the app opens: deleted and overwritten content (a purged thread, an
/// erased account) is zeroed in the file instead of lingering in free pages. The pragma is per connection and
/// Microsoft.Data.Sqlite has no connection-string keyword for it, so it is set when a connection opens. EF opens the
/// connection for every query, but the pool hands out the same few native connections again, so the pragma runs once
/// per native connection, not once per query.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public static readonly SqliteSecureDelete Instance = new();

    private static readonly ConditionalWeakTable<object, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA secure_delete=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The native handle outlives the SqliteConnection object that borrowed it from the pool; a closed handle is collected.
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Applied.TryAdd(handle, handle);
}
