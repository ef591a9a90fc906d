using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Moderation;

public sealed class FlagTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Space Space, DialogueUser Author, DialogueUser Moderator, Post Post, string Title)> PostAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique("Flagged");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "opening");
        var post = await factory.ReplyAsync(thread.Id, author, "a reply some find off-topic");
        return (space, author, moderator, post, title);
    }

    private static Task<HttpResponseMessage> FlagAsync(HttpClient browser, long postId, string reason, string message = "") =>
        browser.SubmitAsync($"/Moderation/Flag?postId={postId}", new Dictionary<string, string> { ["Data.Reason"] = reason, ["Data.Message"] = message });

    [Fact]
    public async Task Three_flags_hide_a_post_until_a_moderator_dismisses_them()
    {
        var (_, _, moderator, post, title) = await PostAsync();
        var readers = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
            readers.Add(reader);
            var response = await FlagAsync(reader, post.Id, i == 2 ? "RevealsSensitiveInformation" : "OffTopic");
            Assert.Contains("moderators will look", (await response.ReadPageAsync()).QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
            var status = await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync());
            Assert.Equal(i < 2 ? PostStatus.Approved : PostStatus.Hidden, status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await readers[0].GetAsync($"/Threads/Post/{post.Id}")).StatusCode);

        var modBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        var queue = await modBrowser.GetPageAsync("/Moderation/Queue");
        var item = queue.QuerySelectorAll(".queue-item").Single(i => i.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal(3, item.QuerySelectorAll(".flags li").Length);
        Assert.Contains("Reveals sensitive information", item.QuerySelector(".flags")!.TextContent, StringComparison.Ordinal);
        await modBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string>(), $"form[action*='handler=Dismiss'][action*='postId={post.Id}']");

        Assert.Equal(HttpStatusCode.OK, (await readers[0].GetAsync($"/Threads/Post/{post.Id}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Flags.AnyAsync(f => f.PostId == post.Id && f.ResolvedAt == null)));
        var actions = await factory.WithDbAsync(db => db.ModerationLog.Where(e => e.PostId == post.Id).Select(e => e.Action).ToListAsync());
        Assert.Contains(Dialogue.Data.Moderation.ModerationAction.HidePost, actions);
        Assert.Contains(Dialogue.Data.Moderation.ModerationAction.UnhidePost, actions);
    }

    [Fact]
    public async Task The_queue_explains_dismissing_and_upholding_flags_and_offers_a_reason_and_a_stricter_label()
    {
        var (_, _, moderator, post, title) = await PostAsync();
        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        await FlagAsync(reader, post.Id, "Spam");

        var queue = await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Moderation/Queue");
        var item = queue.QuerySelectorAll(".queue-item").Single(i => i.TextContent.Contains(title, StringComparison.Ordinal));
        string Hint(string handler)
        {
            var button = item.QuerySelector($"form[action*='handler={handler}'] button")!;
            return item.QuerySelector("#" + button.GetAttribute("aria-describedby"))!.TextContent;
        }
        Assert.Equal("The flags were wrong: close them and show the post to its readers.", Hint("Dismiss"));
        Assert.Equal("The flags were right: close them and hide the post from everyone but its author and the moderators.", Hint("Uphold"));
        Assert.Null(item.QuerySelector("form[action*='handler=Approve']"));
        // An approved post cannot be rejected; once hidden by flags it can, with a reason.
        Assert.Null(item.QuerySelector("form[action*='handler=Reject']"));
        var raise = item.QuerySelector("form[action*='handler=RaiseLabel']")!;
        Assert.Equal(["AMBER", "AMBER+STRICT", "RED"], raise.QuerySelectorAll("option").Select(o => o.TextContent.Replace("TLP:", "", StringComparison.Ordinal)));
        Assert.Contains("Only a space moderator can lower it again.", raise.TextContent, StringComparison.Ordinal);
        Assert.Empty(queue.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Upholding_flags_keeps_the_post_hidden()
    {
        var (_, _, moderator, post, title) = await PostAsync();
        await FlagAsync(await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync()), post.Id, "Spam");
        var modBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        var queue = await modBrowser.GetPageAsync("/Moderation/Queue");
        Assert.Contains(title, queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await modBrowser.SubmitAsync(queue, "/Moderation/Queue", new Dictionary<string, string>(), $"form[action*='handler=Uphold'][action*='postId={post.Id}']");
        Assert.Equal(PostStatus.Hidden, await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.Status).SingleAsync()));
        Assert.DoesNotContain(title, await modBrowser.GetStringAsync("/Moderation/Queue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_else_needs_a_message_and_the_form_keeps_it()
    {
        var (_, _, _, post, _) = await PostAsync();
        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var response = await FlagAsync(reader, post.Id, "Other");
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector("[role=alert] li"));
        Assert.False(await factory.WithDbAsync(db => db.Flags.AnyAsync(f => f.PostId == post.Id)));

        await FlagAsync(reader, post.Id, "Other", "Quotes a private email.");
        var flag = await factory.WithDbAsync(db => db.Flags.AsNoTracking().SingleAsync(f => f.PostId == post.Id));
        Assert.Equal("Quotes a private email.", flag.Message);
    }

    [Fact]
    public async Task Authors_do_not_flag_their_own_posts_and_outsiders_cannot_flag_what_they_cannot_read()
    {
        var (_, author, _, post, _) = await PostAsync();
        var own = await factory.CreateSignedInBrowserAsync(author);
        Assert.Equal(HttpStatusCode.Forbidden, (await own.GetAsync($"/Moderation/Flag?postId={post.Id}")).StatusCode);

        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(amber.Id, member);
        var thread = await factory.StartThreadAsync(amber.Id, member, SensitivityLabel.Amber, ThreadsWorld.Unique("Amber"), "inside");
        var first = await factory.FirstPostAsync(thread.Id);
        var outsider = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Moderation/Flag?postId={first.Id}")).StatusCode);
    }
}
