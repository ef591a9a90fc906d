using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// <c>dotnet run --project src/Dialogue.Web -- copy-to-postgres "&lt;PostgreSQL connection string&gt;" [--Setting=value ...]</c>:
/// copies the SQLite site that the app's settings point at (the same appsettings, environment variables and
/// command-line settings as a normal start) into an empty PostgreSQL database. Stop the site first.
/// </summary>
public static class CopyToPostgresCommand
{
    public const string Name = "copy-to-postgres";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <returns>The process exit code: 0 copied, 1 refused or failed, 2 wrong usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[1]))
        {
            await output.WriteLineAsync($"usage: dotnet run --project src/Dialogue.Web -- {Name} \"Host=...;Database=...;Username=...\" [--Setting=value ...]");
            return 2;
        }
        var targetConnectionString = args[1];
        var configuration = WebApplication.CreateBuilder(args[2..]).Configuration;
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var app = configuration.GetSection(AppOptions.Section).Get<AppOptions>() ?? new AppOptions();
        try
        {
            if (database.Provider != DatabaseProvider.Sqlite)
            {
                throw new CopyRefusedException(
                    $"The settings point at a {database.Provider} site; run the copy with the settings of the SQLite site (Database:Provider=Sqlite).");
            }
            var sourceConnectionString = DialogueDatabase.ConnectionString(database, app);
            var file = new SqliteConnectionStringBuilder(sourceConnectionString).DataSource;
            if (!File.Exists(file))
            {
                throw new CopyRefusedException($"There is no SQLite database at {Path.GetFullPath(file)}.");
            }
            var target = new NpgsqlConnectionStringBuilder(targetConnectionString);
            await output.WriteLineAsync($"Copying {Path.GetFullPath(file)} to database {target.Database} on {target.Host}…");

            await using var source = DialogueDatabase.CreateContext(DatabaseProvider.Sqlite, sourceConnectionString);
            await using var destination = DialogueDatabase.CreateContext(DatabaseProvider.Postgres, targetConnectionString);
            await new DatabaseCopier(output).CopyAsync(source, destination, ct);
            await output.WriteLineAsync("Done. Set Database:Provider=Postgres and Database:ConnectionString on every node, then start them.");
            return 0;
        }
        catch (Exception ex) when (ex is CopyRefusedException or ArgumentException)
        {
            await output.WriteLineAsync($"Not copied: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException)
        {
            await output.WriteLineAsync($"The copy failed and was rolled back: {ex.Message}");
            return 1;
        }
    }
}
