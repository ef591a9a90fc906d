using System.Globalization;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// &lt;time-zone-picker for="Data.TimeZone" described-by="..." /&gt;: the one zone control of registration and the profile.
/// A text input over a list of every zone with its current UTC offset, so typing "shang" or "+08" finds Asia/Shanghai
/// without script, where a select of 400 zones can only be searched by its first letters. The server still validates it.
/// </summary>
[HtmlTargetElement("time-zone-picker", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TimeZonePickerTagHelper(TimeProvider clock) : TagHelper
{
    public ModelExpression For { get; set; } = null!;

    /// <summary>Ids of the hint and error elements that describe the field.</summary>
    public string? DescribedBy { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var listId = id + "_list";
        output.TagName = null;

        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["type"] = "text";
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["value"] = For.Model as string ?? "";
        input.Attributes["list"] = listId;
        input.Attributes["autocomplete"] = "off";
        input.Attributes["spellcheck"] = "false";
        input.Attributes["required"] = "required";
        input.AddCssClass("time-zone-picker");
        if (!string.IsNullOrEmpty(DescribedBy))
        {
            input.Attributes["aria-describedby"] = DescribedBy;
        }
        output.Content.AppendHtml(input);

        var list = new TagBuilder("datalist");
        list.Attributes["id"] = listId;
        var now = clock.GetUtcNow();
        foreach (var zoneId in TimeZones.Ids)
        {
            var option = new TagBuilder("option");
            option.Attributes["value"] = zoneId;
            option.InnerHtml.Append(OffsetOf(TimeZones.TryFind(zoneId), now));
            list.InnerHtml.AppendHtml(option);
        }
        output.Content.AppendHtml(list);
    }

    /// <summary>"UTC+08:00" today: the offset a member recognises, daylight saving included.</summary>
    public static string OffsetOf(TimeZoneInfo? zone, DateTimeOffset now)
    {
        var offset = zone?.GetUtcOffset(now) ?? TimeSpan.Zero;
        return "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
