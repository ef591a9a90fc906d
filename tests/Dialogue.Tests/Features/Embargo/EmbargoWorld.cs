using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Embargo;

/// <summary>Scheduled threads and replies written through the app's own posting, and their release.</summary>
public static class EmbargoWorld
{
    public static Task<DiscussionThread> StartScheduledThreadAsync(this DialogueFactory factory, long spaceId, DialogueUser author, SensitivityLabel label,
        string title, string body, DateTimeOffset until, params DialogueUser[] participants) => factory.WithScopeAsync(async sp =>
    {
        var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), author.Id, CancellationToken.None);
        return await sp.GetRequiredService<Posting>().StartThreadAsync(
            new Posting.NewThread(spaceId, title, label, [], body, [.. participants.Select(p => p.Id)], EmbargoUntil: until), viewer, CancellationToken.None);
    });

    public static Task<Post> ScheduledReplyAsync(this DialogueFactory factory, long threadId, DialogueUser author, string body, DateTimeOffset until) =>
        factory.WithScopeAsync(async sp =>
        {
            var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), author.Id, CancellationToken.None);
            return await sp.GetRequiredService<Posting>().ReplyAsync(threadId, body, viewer, CancellationToken.None, embargoUntil: until);
        });

    public static Task<int> ReleaseDueAsync(this DialogueFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Embargoes>().ReleaseDueAsync(CancellationToken.None));

    public static Task<bool> ReleaseThreadNowAsync(this DialogueFactory factory, long threadId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Embargoes>().ReleaseThreadAsync(threadId, early: true, CancellationToken.None));

    public static Task<bool> ReleasePostNowAsync(this DialogueFactory factory, long postId) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Embargoes>().ReleasePostAsync(postId, early: true, CancellationToken.None));
}
