using System.Text.Encodings.Web;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>The header's "Notifications (n)" link, for signed-in members; counts only what they may read, as the notifications page lists it.</summary>
public sealed class NotificationsNavViewComponent(DialogueDbContext db, CurrentViewer current, NotificationReceipts receipts, LocalWrites writes, IStringLocalizer<Text> text, HtmlEncoder encoder) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var viewer = await current.GetAsync(HttpContext.RequestAborted);
        if (!viewer.IsApproved)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }
        IQueryable<Dialogue.Data.Threads.Notification> Unread() =>
            db.Notifications.AsNoTracking().VisibleTo(viewer).Where(n => n.ReadAt == null).WithReadableSubjects(db, viewer);
        var ct = HttpContext.RequestAborted;
        // Seen moments ago and not written yet: already read, as far as the member can tell.
        var unread = receipts.PendingFor(viewer.UserId) is { Length: > 0 } seen
            ? await Unread().Where(n => n.PostId == null || !seen.Contains(n.PostId.Value)).CountAsync(ct)
            : await writes.RememberAsync("layout: unread notifications", viewer.UserId!, () => Unread().CountAsync(ct));
        var label = unread == 0 ? text["Notifications"] : text["Notifications ({0} unread)", unread];
        return new HtmlContentViewComponentResult(new HtmlString(
            $"<li><a href=\"/Threads/Notifications\" class=\"notifications-link\">{encoder.Encode(label)}</a></li>"));
    }
}
