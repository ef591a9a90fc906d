using Microsoft.Data.Sqlite;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>Start-up could not open or write the database; the message names the file or server and the cause.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public static DatabaseUnavailableException? From(Exception exception, DatabaseOptions database, AppOptions app)
    {
        var cause = StorageFault.Describe(exception)
            ?? (exception is UnauthorizedAccessException or IOException ? "the data folder cannot be created or written" : null);
        if (cause is null)
        {
            return null;
        }
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return new DatabaseUnavailableException($"The database cannot be written: {cause}. ({exception.GetBaseException().Message})", exception);
        }
        var file = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? Path.GetFullPath(Path.Combine(app.DataDirectory, "dialogue.db"))
            : Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        var folder = Path.GetDirectoryName(file)!;
        var space = Directory.Exists(folder) ? $" {new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024)} MB free on its disk." : " The folder does not exist.";
        return new DatabaseUnavailableException(
            $"The SQLite database {file} cannot be opened for writing: {cause}.{space} "
            + $"Give the app's user write access to {folder} and free some space, or set App:DataDirectory to another folder. "
            + $"({exception.GetBaseException().Message})",
            exception);
    }
}
