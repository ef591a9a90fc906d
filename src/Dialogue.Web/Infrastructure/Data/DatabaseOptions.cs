namespace Dialogue.Web.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (the embedded default, one node) or Postgres (several nodes on one database).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For Sqlite, empty means a file named dialogue.db in App:DataDirectory. For Postgres it is required, e.g.
    /// "Host=db;Database=dialogue;Username=dialogue;Password=..." (set the password from the environment).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the app starts (the embedded default).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
