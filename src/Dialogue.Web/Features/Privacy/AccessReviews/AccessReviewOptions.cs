using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

public sealed class AccessReviewOptions
{
    public const string Section = "AccessReview";
    public const int MinIntervalDays = 7;
    public const int MaxIntervalDays = 3650;

    /// <summary>When the daily job opens due reviews and lapses overdue ones, as a Hangfire (cron) expression in UTC; default 04:15 UTC.</summary>
    [Required]
    public string Schedule { get; set; } = "15 4 * * *";

    /// <summary>Days between two reviews of an AMBER, AMBER+STRICT or RED space (and of a RED thread), unless its moderators set another.</summary>
    [Range(MinIntervalDays, MaxIntervalDays)]
    public int IntervalDays { get; set; } = 90;

    /// <summary>Days a review stays open; members nobody confirmed or removed by then lose their access.</summary>
    [Range(1, 365)]
    public int GraceDays { get; set; } = 14;
}
