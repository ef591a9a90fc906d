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
        if (Name == PersonalDataErasure.DeletedMemberName)
        {
            output.TagName = "span";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("class", "deleted-member");
            output.Content.SetContent(text["Deleted member"]);
            return;
        }
        if (Link)
        {
            output.TagName = "a";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("href", "/Members/" + Uri.EscapeDataString(UserId));
        }
        else
        {
            output.TagName = null;
        }
        output.Content.SetContent(Name);
    }
}
