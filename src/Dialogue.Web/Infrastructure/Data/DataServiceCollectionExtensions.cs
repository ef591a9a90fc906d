using Dialogue.Data;
using Dialogue.Migrations.Sqlite;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddDbContext<DialogueDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var app = sp.GetRequiredService<IOptions<AppOptions>>().Value;
            options.AddInterceptors(sp.GetRequiredService<OutboxSignal>());
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    options.UseSqlite(SqliteConnectionString(database, app),
                        o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown database provider {database.Provider}.");
            }
        });
        services.AddScoped<OutboxSignal>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    private static string SqliteConnectionString(DatabaseOptions database, AppOptions app)
    {
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }
        Directory.CreateDirectory(app.DataDirectory);
        return $"Data Source={Path.Combine(app.DataDirectory, "dialogue.db")}";
    }
}
