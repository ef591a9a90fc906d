using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>The author edits their post; the text it replaces is kept as a revision readers can open.</summary>
public class EditModel(DialogueDbContext db, CurrentViewer current, Posting posting, PostPreview preview, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public Command Data { get; set; } = new();
    public PostPage.Loaded Post { get; private set; } = null!;
    /// <summary>The new text rendered as it would be saved, after the Preview button; null otherwise.</summary>
    public string? PreviewHtml { get; private set; }

    public sealed class Command
    {
        [Required(ErrorMessage = "Write something before posting.")]
        [StringLength(20_000, ErrorMessage = "A post can be at most 20,000 characters.")]
        [Display(Name = "Post")]
        public string Body { get; set; } = "";

        /// <summary>The author opts the post out of glossary links (Features/Glossary/Linking).</summary>
        public bool NoGlossaryLinks { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long postId, CancellationToken ct)
    {
        if (await LoadAsync(postId, ct) is { } refusal)
        {
            return refusal;
        }
        Data.Body = Post.Source;
        Data.NoGlossaryLinks = Post.GlossaryLinksOff;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long postId, CancellationToken ct)
    {
        if (await LoadAsync(postId, ct) is { } refusal)
        {
            return refusal;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await posting.EditAsync(postId, Data.Body, await current.GetAsync(ct), ct, Data.NoGlossaryLinks);
        return Redirect($"/Threads/Post/{postId}");
    }

    /// <summary>Shows the new text rendered above the form, as its readers would see it; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long postId, CancellationToken ct)
    {
        if (await LoadAsync(postId, ct) is { } refusal)
        {
            return refusal;
        }
        if (PostPreview.DraftOf(ModelState, Data.Body, text["Write something to preview."]) is { } draft)
        {
            PreviewHtml = await preview.RenderAsync(draft, Post.Facts.Thread, await current.GetAsync(ct), ct);
        }
        return Page();
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
