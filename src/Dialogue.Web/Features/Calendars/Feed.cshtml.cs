using System.Text;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Calendars;

/// <summary>
/// A member's personal feed, fetched by a calendar service without a session: the token in the address stands for the
/// member, and the feed is built as that member through the access policy. An unknown or revoked token is a 404.
/// </summary>
public class FeedModel(DialogueDbContext db, CalendarFeeds feeds, WorkshopCalendar calendar) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await feeds.FindAsync(token, ct) is not { } feed)
        {
            return NotFound();
        }
        var member = await ViewerLoader.ForUserAsync(db, feed.UserId, ct);
        if (!member.IsApproved)
        {
            return NotFound();
        }
        var entries = await feeds.EntriesAsync(member, feed.IncludeRed, ct);
        var site = await EmailRule.SiteAsync(db, ct);
        var culture = await db.Users.Where(u => u.Id == feed.UserId).Select(u => u.UiCulture).SingleOrDefaultAsync(ct);
        string body;
        // A calendar service fetches without the member's cookie: the feed's few words are in the member's own language.
        using (CultureScope.Use(SupportedCultures.For(culture)))
        {
            body = calendar.Feed(entries, site);
        }
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return File(Encoding.UTF8.GetBytes(body), WorkshopCalendar.ContentType);
    }
}
