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
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var zone = Zone ?? time.Zone;
        output.Attributes.SetAttribute("title", zone.Id);
        output.Content.SetContent(TimeZoneInfo.ConvertTime(Value, zone).ToString(Format, System.Globalization.CultureInfo.CurrentCulture));
    }
}
