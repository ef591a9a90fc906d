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
            .Validate(o => o.WorkerCount >= 1 && o.MailWorkerCount >= 1, "Jobs:WorkerCount and Jobs:MailWorkerCount must be at least 1.")
            .Validate(o => o.ThisNode.Length <= 150, "Jobs:NodeId must be at most 150 characters.")
            .ValidateOnStart();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        // Storage and activator are this app's own singletons rather than Hangfire's process-wide statics
        // (JobStorage.Current, JobActivator.Current), so two hosts in one process (the tests' two nodes) stay apart.
        services.AddSingleton(CreateStorage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        // Registered before the job servers, so a restarted node's old claims are released before its workers start.
        services.AddHostedService<ReleaseOwnClaimsAtStart>();
        if (jobs.RunServer)
        {
            services.AddHangfireServer((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                o.ServerName = options.ThisNode;
                o.WorkerCount = options.WorkerCount;
                o.SchedulePollingInterval = options.PollingInterval;
            });
            // Sending mail has workers of its own: a silent mail server then holds up mail only, never digests or other jobs.
            services.AddHangfireServer((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                o.ServerName = options.ThisNode + "-" + JobsOptions.MailQueue;
                o.Queues = [JobsOptions.MailQueue];
                o.WorkerCount = options.MailWorkerCount;
                o.SchedulePollingInterval = options.PollingInterval;
            });
        }
        return services;
    }

    /// <summary>
    /// Hangfire's storage in the app's PostgreSQL database, schema <see cref="PostgresSchema"/>, created or upgraded here.
    /// Shared by every node: a job enqueued on one runs once on any, and the recurring scheduler takes a distributed lock,
    /// so each schedule fires once across all nodes.
    /// </summary>
    public static PostgreSqlStorage CreatePostgresStorage(string connectionString, TimeSpan pollingInterval)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            // Workers wait on the database's notifications rather than polling, so a queued job starts at once.
            EnableLongPolling = true,
            QueuePollInterval = pollingInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static JobStorage CreateStorage(IServiceProvider services)
    {
        _ = services.GetRequiredService<IGlobalConfiguration>(); // Hangfire's logging points at this host before the storage logs
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
                return CreatePostgresStorage(DialogueDatabase.ConnectionString(database, app), jobs.PollingInterval);
            default:
                // Nothing durable lives in Hangfire's storage (the outbox and ledgers are in the app database),
                // so in-memory storage loses nothing that a restart cannot rebuild.
                return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
    }
}
