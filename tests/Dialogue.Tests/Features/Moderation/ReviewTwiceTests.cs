using System.Net;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Moderation;

/// <summary>Two moderators with the same queue open: the second to act on work already done is told so, and nothing changes twice.</summary>
public sealed class ReviewTwiceTests(ReviewQueueTests.ReviewFactory factory) : IClassFixture<ReviewQueueTests.ReviewFactory>
{
    private const string AlreadyHandled = "Another moderator has already handled this post; nothing was changed.";

    private async Task<(HttpClient First, HttpClient Second, Post Pending, Post Flagged)> WorldAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var first = await factory.CreateMemberAsync();
        var second = await factory.CreateMemberAsync();
        var newcomer = await factory.CreateMemberAsync();
        var regular = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, first, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, second, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, newcomer);
        await factory.AddToSpaceAsync(space.Id, regular);
        var thread = await factory.StartThreadAsync(space.Id, first, SensitivityLabel.Green, ThreadsWorld.Unique("Twice"), "opening");
        var pending = await factory.ReplyAsync(thread.Id, newcomer, "waiting for review");
        Assert.Equal(PostStatus.Pending, pending.Status);
        var flagged = await factory.FirstPostAsync(thread.Id);
        await factory.WithDbAsync(async db =>
        {
            db.Flags.Add(new Flag { PostId = flagged.Id, FlaggedById = regular.Id, Reason = FlagReason.OffTopic, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        return (await factory.CreateSignedInBrowserAsync(first), await factory.CreateSignedInBrowserAsync(second), pending, flagged);
    }

    private static async Task<string> ActAsync(HttpClient moderator, AngleSharp.Html.Dom.IHtmlDocument queue, string handler, long postId, Dictionary<string, string>? fields = null)
    {
        var response = await moderator.SubmitAsync(queue, "/Moderation/Queue", fields ?? [], $"form[action*='handler={handler}'][action*='postId={postId}']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadPageAsync()).QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task Second_moderator_approving_an_approved_post_is_told_it_was_already_handled()
    {
        var (first, second, pending, _) = await WorldAsync();
        var firstQueue = await first.GetPageAsync("/Moderation/Queue");
        var secondQueue = await second.GetPageAsync("/Moderation/Queue");

        Assert.DoesNotContain(AlreadyHandled, await ActAsync(first, firstQueue, "Approve", pending.Id), StringComparison.Ordinal);
        Assert.Contains(AlreadyHandled, await ActAsync(second, secondQueue, "Approve", pending.Id), StringComparison.Ordinal);
        Assert.Contains(AlreadyHandled, await ActAsync(second, secondQueue, "Reject", pending.Id, new() { ["reason"] = "Too late." }), StringComparison.Ordinal);

        var post = await factory.WithDbAsync(db => db.Posts.AsNoTracking().SingleAsync(p => p.Id == pending.Id));
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Null(post.RejectionReason);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.PostId == pending.Id)));
    }

    [Fact]
    public async Task Second_moderator_dismissing_flags_already_upheld_is_told_it_was_already_handled()
    {
        var (first, second, _, flagged) = await WorldAsync();
        var firstQueue = await first.GetPageAsync("/Moderation/Queue");
        var secondQueue = await second.GetPageAsync("/Moderation/Queue");

        Assert.DoesNotContain(AlreadyHandled, await ActAsync(first, firstQueue, "Uphold", flagged.Id), StringComparison.Ordinal);
        Assert.Contains(AlreadyHandled, await ActAsync(second, secondQueue, "Dismiss", flagged.Id), StringComparison.Ordinal);

        Assert.Equal(PostStatus.Hidden, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == flagged.Id).Select(p => p.Status).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ModerationLog.CountAsync(e => e.PostId == flagged.Id && e.Action == ModerationAction.ResolveFlag)));
    }
}
