using Dialogue.Web.Infrastructure.Data;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Hangfire's tables live in their own schema beside the app's, in the same PostgreSQL database.</summary>
    public const string PostgresSchema = "hangfire";

    public static IServiceCollection AddDialogueJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.PollingInterval > TimeSpan.Zero, "Jobs:PollingInterval must be positive.")
            .ValidateOnStart();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        // Storage and activator are this app's own singletons rather than Hangfire's process-wide statics
        // (JobStorage.Current, JobActivator.Current), so two hosts in one process (the tests' two nodes) stay apart.
        services.AddSingleton(CreateStorage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (jobs.RunServer)
        {
            services.AddHangfireServer((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                o.WorkerCount = options.WorkerCount;
                o.SchedulePollingInterval = options.PollingInterval;
            });
        }
        return services;
    }

    private static JobStorage CreateStorage(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                // Shared by every node: a job enqueued on one runs once on any, and the recurring scheduler takes a
                // distributed lock, so each schedule fires once across all nodes.
                var options = new PostgreSqlStorageOptions
                {
                    SchemaName = PostgresSchema,
                    PrepareSchemaIfNecessary = true,
                    EnableLongPolling = true,
                    QueuePollInterval = jobs.PollingInterval,
                };
                var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(DialogueDatabase.ConnectionString(database, app), options), options);
            default:
                // Nothing durable lives in Hangfire's storage (the outbox and ledgers are in the app database),
                // so in-memory storage loses nothing that a restart cannot rebuild.
                return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
    }
}
