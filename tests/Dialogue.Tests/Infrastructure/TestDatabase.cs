using Dialogue.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dialogue.Tests.Infrastructure;

/// <summary>
/// One test database: a SQLite file, or a fresh database on the test command's throwaway PostgreSQL cluster.
/// The provider comes from DIALOGUE_TEST_PROVIDER (Sqlite when unset); PostgreSQL's server from DIALOGUE_TEST_POSTGRES.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "DIALOGUE_TEST_PROVIDER";
    public const string PostgresVariable = "DIALOGUE_TEST_POSTGRES";

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        PostgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    private string? PostgresName { get; }

    /// <summary>The provider the whole suite runs against in this test run.</summary>
    public static DatabaseProvider ConfiguredProvider =>
        Environment.GetEnvironmentVariable(ProviderVariable) switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) => provider,
            var name => throw new InvalidOperationException($"{ProviderVariable}={name} is not one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}."),
        };

    /// <summary>The test PostgreSQL server's base connection string; there is no fallback, so a missing server fails loudly.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"This test needs PostgreSQL but {PostgresVariable} is not set. Run the suite with `bash tests/run.sh`, which starts a "
                + $"throwaway cluster, or set {PostgresVariable} to a connection string of a server where the user may create databases "
                + "(e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\").");

    public static TestDatabase Create(DatabaseProvider provider, string dataDirectory) => provider switch
    {
        DatabaseProvider.Sqlite => CreateSqlite(dataDirectory),
        DatabaseProvider.Postgres => CreatePostgres(),
        _ => throw new InvalidOperationException($"Unknown provider {provider}."),
    };

    public static TestDatabase CreateSqlite(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "dialogue.db")}", null);
    }

    /// <summary>A new, empty database named dialogue_test_&lt;guid&gt; on the test server, dropped on dispose.</summary>
    public static TestDatabase CreatePostgres()
    {
        var name = "dialogue_test_" + Guid.NewGuid().ToString("N");
        try
        {
            using var server = new NpgsqlConnection(PostgresServer);
            server.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
            create.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Could not create a test database on the PostgreSQL server in {PostgresVariable}: {ex.Message}", ex);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, name);
    }

    public void Dispose()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var server = new NpgsqlConnection(PostgresServer);
        server.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", server);
        drop.ExecuteNonQuery();
    }
}
