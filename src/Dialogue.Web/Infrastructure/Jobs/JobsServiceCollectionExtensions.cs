using Hangfire;
using Hangfire.InMemory;

namespace Dialogue.Web.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        // Nothing durable lives in Hangfire's storage (the outbox and ledgers are in the app database),
        // so in-memory storage loses nothing that a restart cannot rebuild.
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }));
        if (jobs.RunServer)
        {
            services.AddHangfireServer(o => o.WorkerCount = jobs.WorkerCount);
        }
        return services;
    }
}
