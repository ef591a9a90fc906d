using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Moderation;

public sealed class ThreadModerationTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private sealed record World(Space Space, DialogueUser Member, DialogueUser Moderator, DiscussionThread Thread, HttpClient MemberBrowser, HttpClient ModeratorBrowser);

    private async Task<World> WorldAsync(SensitivityLabel label = SensitivityLabel.Green)
    {
        var space = await factory.CreateSpaceAsync(label);
        var member = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, member, label, ThreadsWorld.Unique("Moderated"), "opening");
        return new World(space, member, moderator, thread, await factory.CreateSignedInBrowserAsync(member), await factory.CreateSignedInBrowserAsync(moderator));
    }

    private static Task<HttpResponseMessage> ActAsync(World world, string handler, Dictionary<string, string> fields) =>
        world.ModeratorBrowser.SubmitAsync($"/Moderation/Thread?threadId={world.Thread.Id}", fields, $"main form[action*='handler={handler}']");

    private static Task<HttpResponseMessage> ReplyAsync(HttpClient browser, long threadId, string body) =>
        browser.SubmitAsync($"/Threads/Reply?threadId={threadId}", new Dictionary<string, string> { ["Data.Body"] = body });

    [Fact]
    public async Task Locking_stops_members_replying_and_is_logged_with_the_reason()
    {
        var world = await WorldAsync();
        await ActAsync(world, "Lock", new() { ["reason"] = "Cooling off." });
        Assert.Equal(HttpStatusCode.Forbidden, (await world.MemberBrowser.GetAsync($"/Threads/Reply?threadId={world.Thread.Id}")).StatusCode);
        var page = await world.MemberBrowser.GetPageAsync($"/Threads/{world.Thread.Id}");
        Assert.Contains("locked", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var log = await world.ModeratorBrowser.GetPageAsync("/Moderation/Log");
        var row = log.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains(world.Thread.Title, StringComparison.Ordinal));
        Assert.Contains("locked the thread", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cooling off.", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(world.Moderator.DisplayName, row.TextContent, StringComparison.Ordinal);

        await ActAsync(world, "Lock", new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, (await world.MemberBrowser.GetAsync($"/Threads/Reply?threadId={world.Thread.Id}")).StatusCode);
    }

    [Fact]
    public async Task Closing_and_pinning_show_on_the_thread()
    {
        var world = await WorldAsync();
        await ActAsync(world, "Close", new());
        await ActAsync(world, "Pin", new());
        var page = await world.MemberBrowser.GetPageAsync($"/Threads/{world.Thread.Id}");
        Assert.Contains("closed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main p.badge"));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.MemberBrowser.GetAsync($"/Threads/Reply?threadId={world.Thread.Id}")).StatusCode);
    }

    [Fact]
    public async Task Slow_mode_refuses_a_second_reply_keeps_the_draft_and_never_blocks_editing()
    {
        var world = await WorldAsync();
        await ActAsync(world, "SlowMode", new() { ["minutes"] = "10", ["reason"] = "Heated debate" });
        var thread = await world.MemberBrowser.GetPageAsync($"/Threads/{world.Thread.Id}");
        Assert.Contains("Heated debate", thread.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The opening post counts: one post per member per interval.
        var early = await (await ReplyAsync(world.MemberBrowser, world.Thread.Id, "too early")).ReadPageAsync();
        Assert.NotNull(early.QuerySelector("[role=alert] li"));
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await ReplyAsync(world.MemberBrowser, world.Thread.Id, "first reply");
        var refused = await (await ReplyAsync(world.MemberBrowser, world.Thread.Id, "my second draft")).ReadPageAsync();
        Assert.Contains("Slow mode", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("my second draft", refused.QuerySelector("textarea[name='Data.Body']")!.TextContent);

        var postId = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == world.Thread.Id && p.Source == "first reply").Select(p => p.Id).SingleAsync());
        await world.MemberBrowser.SubmitAsync($"/Threads/Edit?postId={postId}", new Dictionary<string, string> { ["Data.Body"] = "first reply, edited" });
        Assert.Equal("first reply, edited", await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == postId).Select(p => p.Source).SingleAsync()));

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await ReplyAsync(world.MemberBrowser, world.Thread.Id, "after the wait");
        Assert.True(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ThreadId == world.Thread.Id && p.Source == "after the wait")));
        var entry = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().SingleAsync(e => e.ThreadId == world.Thread.Id && e.Action == ModerationAction.SetSlowMode));
        Assert.Equal("Heated debate", entry.Reason);
    }

    [Fact]
    public async Task A_silenced_member_cannot_post_in_the_space_until_the_silence_ends()
    {
        var world = await WorldAsync();
        await ActAsync(world, "Silence", new() { ["userId"] = world.Member.Id, ["days"] = "2", ["reason"] = "Insults" });
        var refused = await (await ReplyAsync(world.MemberBrowser, world.Thread.Id, "still here")).ReadPageAsync();
        Assert.Contains("silenced", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("still here", refused.QuerySelector("textarea[name='Data.Body']")!.TextContent);

        factory.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await ReplyAsync(world.MemberBrowser, world.Thread.Id, "back again");
        Assert.True(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ThreadId == world.Thread.Id && p.Source == "back again")));
    }

    [Fact]
    public async Task Labels_are_raised_by_moderators_lowered_only_by_space_moderators_and_never_below_the_space()
    {
        var world = await WorldAsync();
        await ActAsync(world, "Label", new() { ["label"] = "Amber", ["reason"] = "Names a lab" });
        Assert.Equal(SensitivityLabel.Amber, await LabelAsync(world.Thread.Id));

        var below = await (await ActAsync(world, "Label", new() { ["label"] = "Clear" })).ReadPageAsync();
        Assert.NotNull(below.QuerySelector("[role=alert]"));
        Assert.Equal(SensitivityLabel.Amber, await LabelAsync(world.Thread.Id));

        // A site-wide moderator who is a member may raise, not lower.
        var siteModerator = await factory.CreateMemberAsync(null, Roles.Moderator);
        await factory.AddToSpaceAsync(world.Space.Id, siteModerator);
        var site = await factory.CreateSignedInBrowserAsync(siteModerator);
        var page = await site.GetPageAsync($"/Moderation/Thread?threadId={world.Thread.Id}");
        Assert.DoesNotContain(page.QuerySelectorAll("select[name=label] option"), o => o.GetAttribute("value") == "Green");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await site.PostAsync($"/Moderation/Thread?threadId={world.Thread.Id}&handler=Label",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("label", "Green")]));
        Assert.Equal(SensitivityLabel.Amber, await LabelAsync(world.Thread.Id));

        await ActAsync(world, "Label", new() { ["label"] = "Green", ["reason"] = "Published since" });
        Assert.Equal(SensitivityLabel.Green, await LabelAsync(world.Thread.Id));
        var entries = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.ThreadId == world.Thread.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.Reason, e.Details }).ToListAsync());
        Assert.Equal([ModerationAction.RaiseLabel, ModerationAction.LowerLabel], entries.Select(e => e.Action));
        Assert.Equal("TLP:AMBER → TLP:GREEN", entries[1].Details);
        Assert.Equal("Published since", entries[1].Reason);
    }

    [Fact]
    public async Task Moving_to_a_stricter_space_raises_the_label()
    {
        var world = await WorldAsync();
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(amber.Id, world.Moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(amber.Id, world.Member);
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        await moderator.SubmitAsync($"/Moderation/Thread?threadId={world.Thread.Id}", new Dictionary<string, string> { ["targetSpaceId"] = amber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "main form[action*='handler=Move']");
        var moved = await factory.WithDbAsync(db => db.Threads.AsNoTracking().SingleAsync(t => t.Id == world.Thread.Id));
        Assert.Equal(amber.Id, moved.SpaceId);
        Assert.Equal(SensitivityLabel.Amber, moved.Label);
        var actions = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.ThreadId == world.Thread.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains(ModerationAction.MoveThread, actions);
        Assert.Contains(ModerationAction.RaiseLabel, actions);
    }

    [Fact]
    public async Task Members_have_no_moderation_tools_and_moderators_of_other_spaces_see_none_of_this_log()
    {
        var world = await WorldAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await world.MemberBrowser.GetAsync($"/Moderation/Thread?threadId={world.Thread.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.MemberBrowser.GetAsync("/Moderation/Log")).StatusCode);
        await ActAsync(world, "Pin", new() { ["reason"] = "pin-reason-" + world.Thread.Id });

        var other = await WorldAsync();
        var log = await other.ModeratorBrowser.GetStringAsync("/Moderation/Log");
        Assert.DoesNotContain("pin-reason-" + world.Thread.Id, log, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.ModeratorBrowser.GetAsync($"/Moderation/Thread?threadId={world.Thread.Id}")).StatusCode);
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        Assert.Contains("pin-reason-" + world.Thread.Id, await admin.GetStringAsync("/Moderation/Log"), StringComparison.Ordinal);
    }

    private Task<SensitivityLabel> LabelAsync(long threadId) =>
        factory.WithDbAsync(db => db.Threads.Where(t => t.Id == threadId).Select(t => t.Label).SingleAsync());
}

public sealed class PostingRateLimitTests(PostingRateLimitTests.Factory factory) : IClassFixture<PostingRateLimitTests.Factory>
{
    public sealed class Factory : DialogueFactory
    {
        public Factory() => Settings["Moderation:PostsPerMinute"] = "2";
    }

    [Fact]
    public async Task Posting_too_fast_gets_a_message_and_keeps_the_draft()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Fast"), "one");
        var browser = await factory.CreateSignedInBrowserAsync(member);
        await browser.SubmitAsync($"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = "two" });
        var refused = await (await browser.SubmitAsync($"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = "three" })).ReadPageAsync();
        Assert.Contains("too fast", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("three", refused.QuerySelector("textarea[name='Data.Body']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ThreadId == thread.Id && p.Source == "three")));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await browser.SubmitAsync($"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = "three" });
        Assert.True(await factory.WithDbAsync(db => db.Posts.AnyAsync(p => p.ThreadId == thread.Id && p.Source == "three")));
    }
}
