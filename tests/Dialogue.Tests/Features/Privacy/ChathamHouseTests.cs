using System.Net;
using Dialogue.Data.Moderation;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>How threads come under the Chatham House Rule, keep it, and how moderators see who is who.</summary>
public sealed class ChathamHouseTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Pseudonyms_follow_first_posts_stay_fixed_and_differ_across_threads()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var (ada, bo, cy) = (await factory.CreateMemberAsync(), await factory.CreateMemberAsync(), await factory.CreateMemberAsync());
        foreach (var member in new[] { ada, bo, cy })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        var first = await factory.StartChathamThreadAsync(space.Id, ada, SensitivityLabel.Green, ThreadsWorld.Unique("One"), "Opening");
        await factory.ReplyAsync(first.Id, bo, "Second voice");
        await factory.ReplyAsync(first.Id, ada, "First voice again");
        await factory.ReplyAsync(first.Id, cy, "Third voice");
        var second = await factory.StartChathamThreadAsync(space.Id, cy, SensitivityLabel.Green, ThreadsWorld.Unique("Two"), "Opening");
        await factory.ReplyAsync(second.Id, ada, "Later here");

        Assert.Equal(new Dictionary<string, int> { [ada.Id] = 1, [bo.Id] = 2, [cy.Id] = 3 }, await factory.PseudonymsAsync(first.Id));
        Assert.Equal(new Dictionary<string, int> { [cy.Id] = 1, [ada.Id] = 2 }, await factory.PseudonymsAsync(second.Id));

        // Deleting a post changes nobody's number.
        await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == first.Id && p.AuthorId == bo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsDeleted, true)));
        await factory.ReplyAsync(first.Id, cy, "Still three");
        var html = await (await factory.CreateSignedInBrowserAsync(ada)).GetStringAsync($"/Threads/{first.Id}");
        Assert.Contains("Participant 3", html, StringComparison.Ordinal);
        Assert.Equal(3, (await factory.PseudonymsAsync(first.Id))[cy.Id]);
    }

    [Fact]
    public async Task A_thread_of_a_Chatham_House_space_is_under_the_rule_and_moving_it_out_keeps_the_rule_unless_a_moderator_lifts_it()
    {
        var chatham = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var plain = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.WithDbAsync(db => db.Spaces.Where(s => s.Id == chatham.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChathamHouse, true)));
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        foreach (var space in new[] { chatham, plain })
        {
            await factory.AddToSpaceAsync(space.Id, author);
            await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        }
        var inherited = await factory.StartThreadAsync(chatham.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Inherited"), "Said here");
        var kept = await factory.StartThreadAsync(chatham.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Kept"), "Said here");
        var movedIn = await factory.StartThreadAsync(plain.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Moved in"), "Said here");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);

        await browser.SubmitAsync($"/Moderation/Thread?threadId={kept.Id}",
            new Dictionary<string, string> { ["targetSpaceId"] = plain.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Tidy" },
            "main form[action*='handler=Move']");
        await browser.SubmitAsync($"/Moderation/Thread?threadId={inherited.Id}",
            new Dictionary<string, string> { ["targetSpaceId"] = plain.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Published", ["liftChathamHouse"] = "true" },
            "main form[action*='handler=Move']");
        await browser.SubmitAsync($"/Moderation/Thread?threadId={movedIn.Id}",
            new Dictionary<string, string> { ["targetSpaceId"] = chatham.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Sensitive" },
            "main form[action*='handler=Move']");

        var threads = await factory.WithDbAsync(db => db.Threads.AsNoTracking().Where(t => t.Id == inherited.Id || t.Id == kept.Id || t.Id == movedIn.Id)
            .ToDictionaryAsync(t => t.Id, t => (t.SpaceId, t.ChathamHouse)));
        Assert.Equal((plain.Id, true), threads[kept.Id]);
        Assert.Equal((plain.Id, false), threads[inherited.Id]);
        Assert.Equal((chatham.Id, true), threads[movedIn.Id]);
        Assert.Equal(1, (await factory.PseudonymsAsync(movedIn.Id))[author.Id]);
        var log = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking()
            .Where(e => e.Action == ModerationAction.LiftChathamHouse || e.Action == ModerationAction.StartChathamHouse)
            .Select(e => new { e.ThreadId, e.Action, e.ActorId, e.Reason }).ToListAsync());
        Assert.Contains(log, e => e.ThreadId == inherited.Id && e.Action == ModerationAction.LiftChathamHouse && e.ActorId == moderator.Id && e.Reason == "Published");
        Assert.Contains(log, e => e.ThreadId == movedIn.Id && e.Action == ModerationAction.StartChathamHouse);
        Assert.DoesNotContain(log, e => e.ThreadId == kept.Id);
    }

    [Fact]
    public async Task Lifting_the_rule_needs_a_reason()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartChathamThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Rule"), "Said here");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);

        var refused = await browser.SubmitAsync($"/Moderation/Thread?threadId={thread.Id}", new Dictionary<string, string>(), "main form[action*='handler=ChathamHouse']");
        Assert.Contains("Give a reason for lifting the Chatham House Rule", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.ChathamHouse).SingleAsync()));

        await browser.SubmitAsync($"/Moderation/Thread?threadId={thread.Id}", new Dictionary<string, string> { ["reason"] = "Authors agreed" },
            "main form[action*='handler=ChathamHouse']");
        Assert.False(await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.ChathamHouse).SingleAsync()));
        var html = await browser.GetStringAsync($"/Threads/{thread.Id}");
        Assert.Contains(author.DisplayName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_sees_names_only_after_revealing_them_and_the_reveal_is_in_the_access_log()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartChathamThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Reveal"), "Said here");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);

        var page = await browser.GetStringAsync($"/Threads/{thread.Id}");
        Assert.DoesNotContain(author.DisplayName, page, StringComparison.Ordinal);
        Assert.Contains("Reveal who is who", page, StringComparison.Ordinal);
        var revealed = await browser.SubmitAsync($"/Threads/{thread.Id}", new Dictionary<string, string>(), "main form[action*='handler=Reveal']");
        var html = await revealed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains($"Participant 1 ({author.DisplayName})", html, StringComparison.Ordinal);

        var entry = Assert.Single(await factory.AccessLogAsync(thread.Id, 1));
        Assert.Equal((moderator.Id, AccessSurface.Reveal), (entry.UserId, entry.Surface));

        // A member has no reveal: neither the button nor the handler.
        var memberBrowser = await factory.CreateSignedInBrowserAsync(member);
        var memberPage = await memberBrowser.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Null(memberPage.QuerySelector("form[action*='handler=Reveal']"));
        var token = memberPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await memberBrowser.PostAsync($"/Threads/{thread.Id}?handler=Reveal",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Single(await factory.AccessLogAsync(thread.Id, 1));
    }
}
