namespace Dialogue.Web.Infrastructure.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means a SQLite file named dialogue.db in App:DataDirectory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the app starts (the embedded default).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
}
