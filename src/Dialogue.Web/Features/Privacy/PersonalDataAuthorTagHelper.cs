using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// &lt;author-name user-id="..." name="..." link="true" /&gt;: an author's name, linked to their profile when asked,
/// except for a deleted account, which shows "Deleted member" in the reader's language and links nowhere.
/// </summary>
[HtmlTargetElement("author-name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PersonalDataAuthorTagHelper(IStringLocalizer<Text> text) : TagHelper
{
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Link { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(Html(UserId, Name, Link, text));
    }

    /// <summary>The same without a tag helper, for a loop that writes one per post.</summary>
    public static IHtmlContent Html(string userId, string name, bool link, IStringLocalizer<Text> text) =>
        name == PersonalDataErasure.DeletedMemberName
            ? new HtmlString("<span class=\"deleted-member\">" + WebUtility.HtmlEncode(text["Deleted member"]) + "</span>")
            : new HtmlString(link
                ? "<a href=\"/Members/" + WebUtility.HtmlEncode(Uri.EscapeDataString(userId)) + "\">" + WebUtility.HtmlEncode(name) + "</a>"
                : WebUtility.HtmlEncode(name));
}
