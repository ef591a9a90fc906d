namespace Dialogue.Web.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The Hangfire queue of the outbox's sending job, served by workers of its own.</summary>
    public const string MailQueue = "mail";

    /// <summary>Run a Hangfire server in this process. Turn off on nodes that should only serve pages.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire worker threads in this process, for every job but sending mail.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// Worker threads that only send mail, so a slow or silent mail server never holds up the other jobs. Four, because a
    /// run waits for the server's reply to each message: with several runs on their own connections the others prepare
    /// their next message while the server takes one (10,000 digests: 45.8 s with one, 28–31 s with two, 24 s with four;
    /// docs/performance.md).
    /// </summary>
    public int MailWorkerCount { get; set; } = 4;

    /// <summary>
    /// This node's name, written on every outbox and digest claim it takes. At start a node releases the claims that carry
    /// its name (they belong to its previous, crashed run), so it must be stable across restarts and unique among nodes.
    /// Empty means the machine name.
    /// </summary>
    public string? NodeId { get; set; }

    /// <summary><see cref="NodeId"/>, or the machine name when it is not set.</summary>
    public string ThisNode => string.IsNullOrWhiteSpace(NodeId) ? Environment.MachineName : NodeId.Trim();

    /// <summary>Where the admin-only Hangfire dashboard is served.</summary>
    public string DashboardPath { get; set; } = "/admin/jobs";

    /// <summary>
    /// How often a server looks for due scheduled and recurring jobs, and (on PostgreSQL) the longest a queued job
    /// waits when the database's notification is missed.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}
