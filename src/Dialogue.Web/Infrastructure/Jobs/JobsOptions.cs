namespace Dialogue.Web.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this process. Turn off on nodes that should only serve pages.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire worker threads in this process.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Where the admin-only Hangfire dashboard is served.</summary>
    public string DashboardPath { get; set; } = "/admin/jobs";

    /// <summary>
    /// How often a server looks for due scheduled and recurring jobs, and (on PostgreSQL) the longest a queued job
    /// waits when the database's notification is missed.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}
