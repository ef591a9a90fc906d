using System.Net;
using Dialogue.Data.Sensitivity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Access;

/// <summary>&lt;sensitivity-label value="@label" /&gt;: the TLP name in its colour and its one-line meaning.</summary>
[HtmlTargetElement("sensitivity-label", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LabelTagHelper(IStringLocalizer<Text> text) : TagHelper
{
    public SensitivityLabel Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(Html(Value, text));
    }

    /// <summary>The same element without a tag helper: a thread page writes one per post, and it is the same for all of them.</summary>
    public static IHtmlContent Html(SensitivityLabel label, IStringLocalizer<Text> text) => new HtmlString(
        "<span class=\"tlp " + CssClass(label) + "\"><span class=\"tlp-name\">" + WebUtility.HtmlEncode(Name(label))
        + "</span> <span class=\"tlp-meaning\">" + WebUtility.HtmlEncode(text[Meaning(label)]) + "</span></span>");

    public static string CssClass(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear => "tlp-clear",
        SensitivityLabel.Green => "tlp-green",
        SensitivityLabel.Amber => "tlp-amber",
        SensitivityLabel.AmberStrict => "tlp-amber-strict",
        _ => "tlp-red",
    };

    /// <summary>TLP names are not translated: they are the protocol's own words.</summary>
    public static string Name(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear => "TLP:CLEAR",
        SensitivityLabel.Green => "TLP:GREEN",
        SensitivityLabel.Amber => "TLP:AMBER",
        SensitivityLabel.AmberStrict => "TLP:AMBER+STRICT",
        _ => "TLP:RED",
    };

    public static string Meaning(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear => "Anyone may read it, signed in or not.",
        SensitivityLabel.Green => "Every signed-in member may read it.",
        SensitivityLabel.Amber => "Members of this space only.",
        SensitivityLabel.AmberStrict => "Members of this space only; emails carry no content.",
        _ => "Named participants only.",
    };
}
