using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>When the daily purge runs, as a Hangfire (cron) expression in UTC; default 03:30 UTC.</summary>
    [Required]
    public string Schedule { get; set; } = "30 3 * * *";

    /// <summary>The longest period a moderator may set (days); the shortest is one day.</summary>
    [Range(1, 36_500)]
    public int MaxDays { get; set; } = 3650;
}
