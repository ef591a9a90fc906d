using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// PRAGMA secure_delete=ON on every SQLite connection the app opens: deleted and overwritten content (a purged thread, an
/// erased account) is zeroed in the file instead of lingering in free pages. The pragma is per connection and
/// Microsoft.Data.Sqlite has no connection-string keyword for it, so it is set each time a connection opens; it costs
/// one statement without I/O.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public static readonly SqliteSecureDelete Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=ON;";
        command.ExecuteNonQuery();
    }
}
