using System.Collections.Concurrent;
using Dialogue.Web.Infrastructure;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dialogue.Tests.Features.ScaleOut;

/// <summary>Two nodes that both run Hangfire's server on the shared PostgreSQL job storage.</summary>
public sealed class TwoJobServers : IDisposable
{
    public TwoJobServers()
    {
        A = Configure(new Node("A"));
        _ = A.Services;
        B = Configure(new Node("B"));
        B.UseDatabase(A.Database);
        _ = B.Services;
    }

    public Node A { get; }

    public Node B { get; }

    private static Node Configure(Node node)
    {
        node.Settings["Jobs:RunServer"] = "true";
        node.Settings["Jobs:PollingInterval"] = "00:00:01";
        return node;
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }
}

[Trait("Database", "Postgres")]
public sealed class RecurringJobsAcrossNodesTests(TwoJobServers nodes) : IClassFixture<TwoJobServers>
{
    [Fact]
    public async Task A_recurring_job_registered_by_both_nodes_runs_once_per_schedule()
    {
        var run = Guid.NewGuid().ToString("N");
        var id = "probe-" + run;
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            // Each node registers its recurring jobs at start; the schedule is every two seconds here.
            node.Services.GetRequiredService<IRecurringJobManager>()
                .AddOrUpdate<ScheduleProbe>(id, probe => probe.Run(run, null!), "*/2 * * * * *");
        }

        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (ScheduleProbe.Runs(run).Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        nodes.A.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(id);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a run already triggered may still finish and must count

        var runs = ScheduleProbe.Runs(run);
        Assert.True(runs.Count >= 4, $"Only {runs.Count} runs in 40 s");
        var twice = runs.GroupBy(r => r.ScheduledFor).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Schedules run more than once: {string.Join(", ", twice)}; runs: {string.Join(", ", runs)}");
    }
}

/// <summary>A recurring job that records which node ran which scheduled occurrence.</summary>
public sealed class ScheduleProbe(IOptions<AppOptions> app)
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<(string ScheduledFor, string Node)>> All = new();

    public static IReadOnlyList<(string ScheduledFor, string Node)> Runs(string run) =>
        All.TryGetValue(run, out var runs) ? [.. runs] : [];

    public void Run(string run, PerformContext context)
    {
        // The recurring scheduler stamps each job it triggers with the occurrence it stands for (Unix seconds).
        var scheduledFor = context.GetJobParameter<string>("Time") ?? throw new InvalidOperationException("Not triggered by a schedule.");
        All.GetOrAdd(run, _ => new()).Enqueue((scheduledFor, app.Value.DataDirectory));
    }
}
