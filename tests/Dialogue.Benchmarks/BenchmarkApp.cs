using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Dialogue.Benchmarks;

/// <summary>The whole app on a fresh SQLite file with mail to a pickup folder, a clock the harness drives and no Hangfire server.</summary>
public sealed class BenchmarkApp(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));

    public string DataDirectory => dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebProjectDirectory());
        builder.UseEnvironment("Production");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["App:DataDirectory"] = dataDirectory,
            ["App:PublicUrl"] = "https://dialogue.example.org",
            ["Jobs:RunServer"] = "false",
            ["Email:Transport"] = "Pickup",
            ["Email:FromAddress"] = "digest@dialogue.example.org",
            ["Bootstrap:AdminEmail"] = "admin@dialogue.example.org",
            ["Bootstrap:AdminPassword"] = "benchmark-password-1",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // The harness runs the jobs itself, in the order and with the parallelism it measures.
            services.RemoveAll<IBackgroundJobClient>();
            services.AddSingleton<IBackgroundJobClient, DiscardingJobClient>();
        });
    }

    /// <summary>src/Dialogue.Web, found from the build output upwards (the app reads its resources from there).</summary>
    private static string WebProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Dialogue.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("src/Dialogue.Web not found above " + AppContext.BaseDirectory);
    }

    private sealed class DiscardingJobClient : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => Guid.NewGuid().ToString("N");

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
