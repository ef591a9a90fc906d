using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>The author deletes their post: readers then see that it was deleted, not what it said.</summary>
public class DeleteModel(DialogueDbContext db, CurrentViewer current, Posting posting, IStringLocalizer<Text> text) : PageModel
{
    public PostPage.Loaded Post { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long postId, CancellationToken ct) =>
        await LoadAsync(postId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long postId, CancellationToken ct)
    {
        if (await LoadAsync(postId, ct) is { } refusal)
        {
            return refusal;
        }
        await posting.SoftDeleteAsync(postId, ct);
        TempData["Status"] = (string)text["Your post was deleted."];
        return Redirect($"/Threads/{Post.ThreadId}?p={DetailsModel.PageOf(Post.Number)}#post-{Post.Number}");
    }

    private async Task<IActionResult?> LoadAsync(long postId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var post = await PostPage.LoadAsync(db, viewer, postId, ct);
        if (post is null)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanEdit(viewer, post.Facts))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Post = post;
        return null;
    }
}
