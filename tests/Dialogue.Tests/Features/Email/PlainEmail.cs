using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dialogue.Tests.Features.Email;

/// <summary>A minimal template for exercising the outbox without depending on a feature's emails.</summary>
public sealed class PlainEmail : ComponentBase
{
    [Parameter]
    public string Body { get; set; } = "";

    [Parameter]
    public string Link { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "p");
        builder.AddContent(1, Body);
        builder.CloseElement();
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", Link);
        builder.AddContent(4, "Open Dialogue");
        builder.CloseElement();
    }
}
