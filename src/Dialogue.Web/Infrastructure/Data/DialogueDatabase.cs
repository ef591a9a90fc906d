using Dialogue.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>How the app, the copy command and the tests point a <see cref="DialogueDbContext"/> at a database.</summary>
public static class DialogueDatabase
{
    // The access policy filters by the viewer's spaces (an array). EF's default expands an array into one parameter per
    // element, and SQL that depends on a count is generated again for every query; one JSON (SQLite) or array
    // (PostgreSQL) parameter keeps each query's SQL generated once and cached.
    public static DbContextOptionsBuilder Configure(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString,
                o => o.MigrationsAssembly(typeof(Migrations.Sqlite.DesignTimeFactory).Assembly.GetName().Name)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(SqliteSecureDelete.Instance),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString,
                o => o.MigrationsAssembly(typeof(Migrations.Postgres.DesignTimeFactory).Assembly.GetName().Name)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)),
            _ => throw new InvalidOperationException($"Unknown database provider {provider}."),
        };

    public static DialogueDbContext CreateContext(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DialogueDbContext>();
        options.Configure(provider, connectionString);
        return new DialogueDbContext(options.Options);
    }

    /// <summary>The connection string the app uses: the configured one, else (SQLite only) a file in the data folder.</summary>
    public static string ConnectionString(DatabaseOptions database, AppOptions app)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Database:ConnectionString is required when Database:Provider is {database.Provider}.");
        }
        Directory.CreateDirectory(app.DataDirectory);
        return $"Data Source={Path.Combine(app.DataDirectory, "dialogue.db")}";
    }
}
