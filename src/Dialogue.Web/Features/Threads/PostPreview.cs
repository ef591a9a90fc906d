using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// A draft as it would read once posted: rendered for its thread exactly as <see cref="Posting"/> renders it, then
/// resolved for the writer as a reader (<see cref="PostDisplay"/>), so a quote of a post they may not read previews
/// as "not available" and a mention names only a reader of the thread. Writes nothing.
/// </summary>
public sealed class PostPreview(PostRenderer renderer, PostDisplay display)
{
    public async Task<string> RenderAsync(string draft, ThreadFacts thread, Viewer writer, CancellationToken ct)
    {
        var rendered = await renderer.RenderAsync(draft, thread, writer, ct);
        return await display.ResolveAsync(rendered.Html, writer, ct);
    }

    /// <summary>
    /// The draft to preview, or null (with an error on the body) when there is nothing to show or it is too long to post.
    /// Errors on the other fields are set aside: a preview is not a submission, and a missing title should not hide it.
    /// </summary>
    public static string? DraftOf(ModelStateDictionary modelState, string? body, string emptyMessage)
    {
        foreach (var key in modelState.Keys.Where(k => k != "Data.Body").ToList())
        {
            modelState.Remove(key);
        }
        if (modelState.TryGetValue("Data.Body", out var entry) && entry.Errors.Count > 0)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            modelState.AddModelError("Data.Body", emptyMessage);
            return null;
        }
        return body;
    }
}
