using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Moderation;

public sealed class ModerationLogTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Admins_see_what_was_done_in_a_red_thread_but_not_the_reason_or_whom_it_concerned()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Red log"), "opening", moderator);
        var reply = await factory.ReplyAsync(thread.Id, author, "held reply");
        await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Pending)));
        var reason = "secret-reason-" + Guid.NewGuid().ToString("N");
        Assert.Equal(ModeratorActions.ReviewOutcome.Done, await factory.WithScopeAsync(async sp =>
        {
            var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), moderator.Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().RejectAsync(reply.Id, reason, viewer, CancellationToken.None);
        }));

        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        var adminRow = (await admin.GetPageAsync("/Moderation/Log")).QuerySelectorAll("tbody tr")
            .First(r => r.TextContent.Contains($"thread #{thread.Id}", StringComparison.Ordinal)).TextContent;
        Assert.Contains("rejected", adminRow, StringComparison.Ordinal);
        Assert.Contains(moderator.DisplayName, adminRow, StringComparison.Ordinal);
        Assert.Contains($"post #{reply.Id}", adminRow, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, adminRow, StringComparison.Ordinal);
        Assert.DoesNotContain(author.DisplayName, adminRow, StringComparison.Ordinal);
        Assert.DoesNotContain(thread.Title, adminRow, StringComparison.Ordinal);

        // Who may read the thread sees the whole entry.
        var own = await factory.CreateSignedInBrowserAsync(moderator);
        var moderatorRow = (await own.GetPageAsync("/Moderation/Log")).QuerySelectorAll("tbody tr")
            .First(r => r.TextContent.Contains(thread.Title, StringComparison.Ordinal)).TextContent;
        Assert.Contains(reason, moderatorRow, StringComparison.Ordinal);
        Assert.Contains(author.DisplayName, moderatorRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_says_how_flags_were_resolved_in_words_not_enum_names_in_either_language()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique("Resolved");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "opening");
        var reply = await factory.ReplyAsync(thread.Id, author, "a reply");
        await factory.WithDbAsync(async db =>
        {
            db.Flags.Add(new Dialogue.Data.Moderation.Flag { PostId = reply.Id, FlaggedById = author.Id, Reason = Dialogue.Data.Moderation.FlagReason.Spam, CreatedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        Assert.Equal(ModeratorActions.ReviewOutcome.Done, await factory.WithScopeAsync(async sp =>
        {
            var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), moderator.Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().DismissFlagsAsync(reply.Id, viewer, CancellationToken.None);
        }));

        var english = (await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Moderation/Log")).QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains(title, StringComparison.Ordinal) && r.TextContent.Contains("resolved flags", StringComparison.Ordinal)).TextContent;
        Assert.Contains("(dismissed: the post is shown)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Dismissed", english, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == moderator.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.UiCulture, "zh-Hans")));
        var chinese = (await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Moderation/Log")).QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains(title, StringComparison.Ordinal) && r.TextContent.Contains("已驳回", StringComparison.Ordinal)).TextContent;
        Assert.Contains("已驳回：帖子已显示", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Dismissed", chinese, StringComparison.Ordinal);
    }
}
