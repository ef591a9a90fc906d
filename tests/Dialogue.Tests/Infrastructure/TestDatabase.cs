using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// A new database named dialogue_test_&lt;guid&gt; on the test server, dropped on dispose. With
    /// <paramref name="empty"/> it has no tables at all; otherwise it is a copy of a template that this test run
    /// migrated once (the app's migrations and Hangfire's schema), which saves every app a second of set-up.
    /// </summary>
    public static TestDatabase CreatePostgres(bool empty = false)
    {
        var name = "dialogue_test_" + Guid.NewGuid().ToString("N");
        ExecuteOnServer(empty ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return new TestDatabase(DatabaseProvider.Postgres, PostgresDatabase(name), name);
    }

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string CreateTemplate()
    {
        var name = "dialogue_template_" + Guid.NewGuid().ToString("N");
        ExecuteOnServer($"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
        var connectionString = PostgresDatabase(name);
        using (var db = DialogueDatabase.CreateContext(DatabaseProvider.Postgres, connectionString))
        {
            db.Database.Migrate();
        }
        JobsServiceCollectionExtensions.CreatePostgresStorage(connectionString, TimeSpan.FromSeconds(15)); // installs its schema
        // A template must have no sessions while databases are copied from it.
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        return name;
    }

    private static string PostgresDatabase(string name) => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;

    private static void ExecuteOnServer(string sql)
    {
        try
        {
            using var server = new NpgsqlConnection(PostgresServer);
            server.Open();
            using var command = new NpgsqlCommand(sql, server);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"PostgreSQL server in {PostgresVariable} failed \"{sql}\": {ex.Message}", ex);
        }
    }

    private static void DropQuietly(string name)
    {
        try
        {
            ExecuteOnServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (InvalidOperationException)
        {
            // The server is gone already (the test command stops it after the run).
        }
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
        ExecuteOnServer($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)");
    }
}
