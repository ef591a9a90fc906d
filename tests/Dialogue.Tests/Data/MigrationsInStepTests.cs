using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Data;

/// <summary>One model, two migrations assemblies: each must hold every change of the model.</summary>
public sealed class MigrationsInStepTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=never_opened")]
    public void Each_migrations_assembly_holds_every_change_of_the_model(DatabaseProvider provider, string connectionString)
    {
        // Neither check opens the connection: they compare the model with the assembly's snapshot.
        using var db = DialogueDatabase.CreateContext(provider, connectionString);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that migrations/Dialogue.Migrations.{provider} lacks. Add a migration to both assemblies: "
            + "bash migrations/add.sh <Name>");
    }
}
