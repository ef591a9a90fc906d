using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>A permanent link to a post: redirects to the page of its thread that shows it.</summary>
public class PostModel(DialogueDbContext db, CurrentViewer current) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long postId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var post = await db.Posts.AsNoTracking().VisibleTo(viewer).Where(p => p.Id == postId)
            .Select(p => new { p.ThreadId, p.Number }).SingleOrDefaultAsync(ct);
        return post is null
            ? NotFound()
            : Redirect($"/Threads/{post.ThreadId}?p={DetailsModel.PageOf(post.Number)}#post-{post.Number}");
    }
}
