using Dialogue.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dialogue.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web app; it never connects.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DialogueDbContext>
{
    public DialogueDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DialogueDbContext>()
            .UseNpgsql("Host=localhost;Database=dialogue_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
