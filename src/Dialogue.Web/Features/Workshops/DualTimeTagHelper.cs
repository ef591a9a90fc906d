using System.Globalization;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// &lt;dual-time start="…" end="…" zone="Asia/Shanghai" /&gt;: an interval in the viewer's zone, then in the zone it was
/// planned in — "Tue 10 Mar 09:00–12:00 Shanghai (CST) · Mon 20:00–23:00 New York (EST)" — naming the planner's day only
/// when it differs from the viewer's. One part when both read in the same zone.
/// </summary>
[HtmlTargetElement("dual-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DualTimeTagHelper(ViewerTime viewerTime, IStringLocalizer<Text> text) : TagHelper
{
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    /// <summary>The IANA zone it was planned in.</summary>
    public string Zone { get; set; } = "UTC";
    /// <summary>Leave out the viewer's date (a timetable already grouped by the viewer's day).</summary>
    public bool TimesOnly { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "dual-time");
        var viewer = WorkshopTime.ZoneOf(viewerTime.Zone);
        var planned = WorkshopTime.Zone(Zone) ?? DateTimeZone.Utc;
        var (start, end) = (WorkshopTime.InZone(Start, viewer), WorkshopTime.InZone(End, viewer));
        var day = (string)text["ddd d MMM"];
        var time = (string)text["HH:mm"];

        var html = output.Content;
        html.AppendHtml($"<time datetime=\"{Iso(Start)}\">");
        html.Append(TimesOnly ? WorkshopTime.Format(start.LocalDateTime, time) : WorkshopTime.Format(start.LocalDateTime, day + " " + time));
        html.AppendHtml("</time>–");
        html.AppendHtml($"<time datetime=\"{Iso(End)}\">");
        html.Append(WorkshopTime.Format(end.LocalDateTime, end.Date == start.Date ? time : day + " " + time));
        html.AppendHtml("</time> ");
        html.AppendHtml("<span class=\"zone\">");
        html.Append(WorkshopTime.ZoneLabel(viewer, Start));
        html.AppendHtml("</span>");
        if (planned.Id == viewer.Id)
        {
            return;
        }
        var (plannedStart, plannedEnd) = (WorkshopTime.InZone(Start, planned), WorkshopTime.InZone(End, planned));
        html.AppendHtml(" <span class=\"planned-time\">· ");
        html.Append(WorkshopTime.Format(plannedStart.LocalDateTime, plannedStart.Date != start.Date ? day + " " + time : time));
        html.Append("–");
        html.Append(WorkshopTime.Format(plannedEnd.LocalDateTime, plannedEnd.Date != plannedStart.Date ? day + " " + time : time));
        html.Append(" " + WorkshopTime.ZoneLabel(planned, Start));
        html.AppendHtml("</span>");
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
