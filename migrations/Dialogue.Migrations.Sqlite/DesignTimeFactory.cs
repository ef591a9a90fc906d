using Dialogue.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dialogue.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DialogueDbContext>
{
    public DialogueDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DialogueDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
