using System.Globalization;
using Dialogue.Web.Infrastructure.Security;

namespace Dialogue.Web.Infrastructure.Time;

/// <summary>
/// Converts instants to the viewer's zone: a member's profile zone, else the zone the browser reported
/// in the "tz" cookie, else UTC.
/// </summary>
public sealed class ViewerTime(IHttpContextAccessor http)
{
    public const string ZoneCookie = "tz";

    private TimeZoneInfo? zone;

    public TimeZoneInfo Zone => zone ??= Resolve();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant, string format = "f") =>
        ToLocal(instant).ToString(format, CultureInfo.CurrentCulture);

    private TimeZoneInfo Resolve()
    {
        var context = http.HttpContext;
        var id = context?.User.FindFirst(DialogueClaims.TimeZone)?.Value;
        if (string.IsNullOrEmpty(id) && context is not null)
        {
            id = context.Request.Cookies[ZoneCookie];
        }
        return TimeZones.TryFind(id) ?? TimeZoneInfo.Utc;
    }
}
