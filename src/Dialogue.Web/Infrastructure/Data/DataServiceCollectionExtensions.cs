using Dialogue.Data;
using Dialogue.Web.Infrastructure.Caching;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();
        // Pooled: a request reuses a context instead of building one and its options (the interceptors are singletons
        // that keep per-context and per-transaction state aside, so a reused context carries nothing over).
        services.AddDbContextPool<DialogueDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var app = sp.GetRequiredService<IOptions<AppOptions>>().Value;
            options.AddInterceptors(sp.GetRequiredService<OutboxSignal>());
            options.AddInterceptors(sp.GetRequiredService<DatabaseWriteMonitor>());
            options.AddInterceptors(sp.GetRequiredService<AnonymousPageEviction>());
            options.Configure(database.Provider, DialogueDatabase.ConnectionString(database, app));
        });
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<DatabaseWriteMonitor>();
        services.AddScoped<SqliteStatistics>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
