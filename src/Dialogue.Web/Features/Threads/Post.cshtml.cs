using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// A permanent link to a post: redirects to the page of its thread that shows it. Search results link here with
/// from=search, so opening a sensitive hit is audited as such.
/// </summary>
public class PostModel(DialogueDbContext db, CurrentViewer current, AccessLog accessLog) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long postId, string? from, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var post = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == postId)
            .Select(p => new { p.ThreadId, p.Number, p.Thread!.Label }).SingleOrDefaultAsync(ct);
        if (post is null)
        {
            return NotFound();
        }
        if (AccessPolicy.IsAudited(post.Label) && viewer.UserId is { } userId)
        {
            await accessLog.RecordAsync(userId, post.ThreadId, postId, from == "search" ? AccessSurface.SearchHit : AccessSurface.Permalink, ct);
        }
        return Redirect($"/Threads/{post.ThreadId}?p={DetailsModel.PageOf(post.Number)}#post-{post.Number}");
    }
}
