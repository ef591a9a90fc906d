using System.Text.Encodings.Web;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>The header's "Notifications (n)" link, for signed-in members; counts only what they may read, as the notifications page lists it.</summary>
public sealed class NotificationsNavViewComponent(CurrentViewer current, UnreadNotifications notifications, IStringLocalizer<Text> text, HtmlEncoder encoder) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var viewer = await current.GetAsync(HttpContext.RequestAborted);
        if (!viewer.IsApproved)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }
        var unread = await notifications.CountAsync(viewer, HttpContext.RequestAborted);
        var label = unread == 0 ? text["Notifications"] : text["Notifications ({0} unread)", unread];
        return new HtmlContentViewComponentResult(new HtmlString(
            $"<li><a href=\"/Threads/Notifications\" class=\"notifications-link\">{encoder.Encode(label)}</a></li>"));
    }
}
