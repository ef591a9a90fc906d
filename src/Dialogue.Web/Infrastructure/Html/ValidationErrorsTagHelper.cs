using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Dialogue.Web.Infrastructure.Html;

/// <summary>
/// A form's error list: &lt;validation-errors /&gt; for the errors about the whole form, all="true" for every error.
/// Replaces asp-validation-summary, which hides its empty list with an inline style that the site's CSP blocks (every
/// form showed an empty red bullet). Nothing is written while the form is valid: every submit renders the page anew
/// on the server, so the alert is announced when the page comes back with errors.
/// </summary>
[HtmlTargetElement("validation-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ValidationErrorsTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public bool All { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var errors = All
            ? state.Values.SelectMany(v => v.Errors)
            : state.TryGetValue(string.Empty, out var entry) ? entry.Errors : [];
        var messages = errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct().ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "errors");
        output.Attributes.SetAttribute("role", "alert");
        output.Content.AppendHtml("<ul>");
        foreach (var message in messages)
        {
            output.Content.AppendHtml("<li>").Append(message).AppendHtml("</li>");
        }
        output.Content.AppendHtml("</ul>");
    }
}
