using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>Recognises the database errors that mean "the storage cannot take writes" rather than a bug.</summary>
public static class StorageFault
{
    // SQLite result codes (primary code, the low byte of an extended one).
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>The cause in a few words ("the disk is full", "the database is read-only"), or null when the exception is no storage fault.</summary>
    public static string? Describe(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite:
                    return (sqlite.SqliteErrorCode & 0xFF) switch
                    {
                        SqliteFull => "the disk is full",
                        SqliteReadOnly => "the database file or its folder is read-only",
                        SqliteCantOpen => "the database file cannot be opened or created (a missing or read-only folder)",
                        SqliteIoError => "the disk could not be written (full or failing)",
                        _ => null,
                    };
                case PostgresException postgres:
                    return postgres.SqlState switch
                    {
                        PostgresErrorCodes.DiskFull => "the database server's disk is full",
                        PostgresErrorCodes.InsufficientResources or PostgresErrorCodes.OutOfMemory => "the database server is out of resources",
                        PostgresErrorCodes.ReadOnlySqlTransaction => "the database server is read-only",
                        _ => null,
                    };
                case IOException io when io.HResult is 28 or unchecked((int)0x80070070):
                    return "the disk is full";
            }
        }
        return null;
    }
}
