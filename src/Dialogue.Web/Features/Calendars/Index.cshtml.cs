using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Calendars;

/// <summary>A member's calendar feed: create it, see its address once, regenerate or revoke it, and choose whether RED workshops appear.</summary>
public class IndexModel(CurrentViewer current, CalendarFeeds feeds, IOptions<AppOptions> app) : PageModel
{
    public WorkshopCalendarFeed? Feed { get; private set; }
    /// <summary>The address with its new token, shown only right after it was made: only its hash is kept.</summary>
    public string? NewFeedUrl { get; private set; }
    [BindProperty] public bool IncludeRed { get; set; }

    [TempData] public string? IssuedToken { get; set; }

    public static string FeedPath(string token) => $"/Workshops/Feed/{token}.ics";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        Feed = await feeds.MineAsync(viewer.UserId!, ct);
        if (IssuedToken is { } token && Feed?.TokenHash == CalendarFeeds.Hash(token))
        {
            NewFeedUrl = app.Value.Link(FeedPath(token));
        }
        IncludeRed = Feed?.IncludeRed ?? false;
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        IssuedToken = await feeds.IssueAsync(viewer.UserId!, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        await feeds.RevokeAsync(viewer.UserId!, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRedAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        await feeds.SetIncludeRedAsync(viewer.UserId!, IncludeRed, ct);
        return RedirectToPage();
    }
}
