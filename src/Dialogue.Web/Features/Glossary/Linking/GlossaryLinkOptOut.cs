using Dialogue.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary.Linking;

/// <summary>A post author's choice that glossary terms are not linked in their post (the checkbox on the post forms).</summary>
public sealed class GlossaryLinkOptOut(DialogueDbContext db)
{
    /// <summary>Called by the post forms after the post is written; the form has checked the author may write it.</summary>
    public async Task SetAsync(long postId, bool off, CancellationToken ct) =>
        await db.Posts.Where(p => p.Id == postId && p.GlossaryLinksOff != off)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.GlossaryLinksOff, off), ct);

    public Task<bool> IsOffAsync(long postId, CancellationToken ct) =>
        db.Posts.Where(p => p.Id == postId).Select(p => p.GlossaryLinksOff).SingleOrDefaultAsync(ct);
}
