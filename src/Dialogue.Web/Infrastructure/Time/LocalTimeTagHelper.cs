using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Dialogue.Web.Infrastructure.Time;

/// <summary>&lt;local-time value="@instant" /&gt; renders a &lt;time&gt; element in the viewer's zone and language.</summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(ViewerTime time) : TagHelper
{
    public DateTimeOffset Value { get; set; }

    /// <summary>A .NET date format string; "f" is the long date with short time.</summary>
    public string Format { get; set; } = "f";

    /// <summary>Someone else's zone (a member's local time on their profile); the viewer's when not given.</summary>
    public TimeZoneInfo? Zone { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(Html(Value, Zone ?? time.Zone, Format));
    }

    /// <summary>The same element without a tag helper, for a loop that writes one per post (a tag helper costs more than the element).</summary>
    public static IHtmlContent Html(DateTimeOffset value, TimeZoneInfo zone, string format = "f") => new HtmlString(
        "<time datetime=\"" + value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
        + "\" title=\"" + WebUtility.HtmlEncode(zone.Id) + "\">"
        + WebUtility.HtmlEncode(TimeZoneInfo.ConvertTime(value, zone).ToString(format, CultureInfo.CurrentCulture)) + "</time>");
}
