using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Workshops;

public sealed class WorkshopReminderOptions : IValidatableObject
{
    public const string Section = "Workshops:Reminders";

    private static readonly TimeSpan[] Defaults = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];

    /// <summary>
    /// How long before a workshop's start its registrants are reminded, e.g. ["1.00:00:00", "01:00:00"]. Unset means a day
    /// and an hour before (a list in configuration replaces the default, it is not added to it); empty turns reminders off.
    /// </summary>
    public TimeSpan[]? Before { get; set; }

    /// <summary>Most workshops one run of the reminder job looks at; the rest wait for the next run, a minute later.</summary>
    [Range(1, 100_000)]
    public int MaxWorkshopsPerScan { get; set; } = 500;

    /// <summary>The lead times in effect, shortest first, each a whole number of minutes.</summary>
    public IReadOnlyList<TimeSpan> LeadTimes =>
        [.. (Before ?? Defaults).Select(t => TimeSpan.FromMinutes(Math.Floor(t.TotalMinutes))).Distinct().Order()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var lead in Before ?? [])
        {
            if (lead < TimeSpan.FromMinutes(1) || lead > TimeSpan.FromDays(30))
            {
                yield return new ValidationResult($"A reminder lead time must be between one minute and 30 days; {lead} is not.", [nameof(Before)]);
            }
        }
    }
}
