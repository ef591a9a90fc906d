using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Privacy;

/// <summary>How the access log is written (section "AccessLog").</summary>
public sealed class AccessLogOptions
{
    public const string Section = "AccessLog";

    /// <summary>Entries written in one INSERT batch at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>The longest an entry waits in memory before it is written; also what a crash can lose.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
