using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Dialogue.Web.Infrastructure.Time;

/// <summary>&lt;local-time value="@instant" /&gt; renders a &lt;time&gt; element in the viewer's zone and language.</summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(ViewerTime time) : TagHelper
{
    public DateTimeOffset Value { get; set; }

    /// <summary>A .NET date format string; "f" is the long date with short time.</summary>
    public string Format { get; set; } = "f";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", time.Zone.Id);
        output.Content.SetContent(time.Format(Value, Format));
    }
}
