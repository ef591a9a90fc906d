using Dialogue.Web.Features.Workshops;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// The "publish at" field of the post forms and the schedule page: a datetime-local in the viewer's own zone, turned into
/// an instant (a wall-clock time skipped or repeated by a daylight-saving change resolves as workshops do), which must be
/// in the future. Empty means publish at once.
/// </summary>
public sealed class EmbargoInput(ViewerTime viewerTime, TimeProvider clock, IStringLocalizer<Text> text)
{
    public const string Field = "Data.PublishAt";

    /// <summary>The viewer's zone as the field's hint names it, e.g. "Shanghai (CST)".</summary>
    public string ZoneLabel => WorkshopTime.ZoneLabel(Zone, clock.GetUtcNow());

    /// <summary>The instant chosen, or null (publish at once, or an error added to the model state under <paramref name="key"/>).</summary>
    public DateTimeOffset? Read(string? input, ModelStateDictionary modelState, string key = Field)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        if (WorkshopTime.ParseInput(input) is not { } local)
        {
            modelState.AddModelError(key, text["Enter a date and time, for example {0}.", Format(clock.GetUtcNow().AddDays(1))]);
            return null;
        }
        var instant = WorkshopTime.ToInstant(local, Zone);
        if (instant <= clock.GetUtcNow())
        {
            modelState.AddModelError(key, text["Choose a time in the future (it is now {0} in your time zone), or leave the field empty to publish at once.",
                Format(clock.GetUtcNow())]);
            return null;
        }
        return instant;
    }

    /// <summary>An instant as the field shows it, in the viewer's zone.</summary>
    public string Format(DateTimeOffset instant) => WorkshopTime.FormatInput(WorkshopTime.InZone(instant, Zone).LocalDateTime).Replace('T', ' ');

    public string Value(DateTimeOffset instant) => WorkshopTime.FormatInput(WorkshopTime.InZone(instant, Zone).LocalDateTime);

    private NodaTime.DateTimeZone Zone => WorkshopTime.ZoneOf(viewerTime.Zone);
}
