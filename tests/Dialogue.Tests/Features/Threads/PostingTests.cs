using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

public sealed class PostingTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Dialogue.Data.Spaces.Space Space, Dialogue.Data.Accounts.DialogueUser Member, HttpClient Browser)> MemberInSpaceAsync(
        SensitivityLabel label = SensitivityLabel.Green)
    {
        var space = await factory.CreateSpaceAsync(label);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        return (space, member, await factory.CreateSignedInBrowserAsync(member));
    }

    [Fact]
    public async Task Member_starts_a_thread_with_tags_through_the_form()
    {
        var (space, _, browser) = await MemberInSpaceAsync();
        var title = ThreadsWorld.Unique("Evaluations");
        var response = await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = "Amber",
            ["Data.Tags"] = "Evals, red-teaming",
            ["Data.Body"] = "First **post**.",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("TLP:AMBER", page.QuerySelector(".tlp-name")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["evals", "red-teaming"], page.QuerySelectorAll("main .tags li").Select(l => l.TextContent));
        Assert.Equal("post", page.QuerySelector(".post-body strong")!.TextContent);
        Assert.All(page.QuerySelectorAll(".post"), p => Assert.NotNull(p.QuerySelector(".tlp.tlp-amber .tlp-meaning")));
    }

    [Theory]
    [InlineData("Green")]
    [InlineData("Clear")]
    [InlineData("99")]
    public async Task A_thread_is_never_laxer_than_its_space(string label)
    {
        var (space, _, browser) = await MemberInSpaceAsync(SensitivityLabel.Amber);
        var title = ThreadsWorld.Unique("Lax");
        var page = await browser.GetPageAsync($"/Threads/New?spaceId={space.Id}");
        Assert.Equal(["Amber", "AmberStrict", "Red"], page.QuerySelectorAll("select[name='Data.Label'] option").Select(o => o.GetAttribute("value")));
        var response = await browser.SubmitAsync(page, $"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = label,
            ["Data.Body"] = "text",
        });
        var result = await response.ReadPageAsync();
        Assert.NotNull(result.QuerySelector("[role=alert] li"));
        Assert.False(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));
    }

    [Fact]
    public async Task Only_members_of_the_space_start_threads_there()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var outsider = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var response = await outsider.GetAsync($"/Threads/New?spaceId={space.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Red_thread_participants_are_chosen_among_space_members()
    {
        var (space, author, browser) = await MemberInSpaceAsync();
        var chosen = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, chosen);
        await factory.AddToSpaceAsync(space.Id, other);
        var title = ThreadsWorld.Unique("Red");
        var response = await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = "Red",
            ["Data.Body"] = "for few eyes",
            ["Data.Participants"] = chosen.Id,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var threadId = await factory.WithDbAsync(db => db.Threads.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateSignedInBrowserAsync(chosen)).GetAsync($"/Threads/{threadId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(other)).GetAsync($"/Threads/{threadId}")).StatusCode);

        var stranger = await factory.CreateMemberAsync();
        var refused = await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = ThreadsWorld.Unique("Red"),
            ["Data.Label"] = "Red",
            ["Data.Body"] = "x",
            ["Data.Participants"] = stranger.Id,
        });
        Assert.NotNull((await refused.ReadPageAsync()).QuerySelector("[role=alert] li"));
    }

    [Fact]
    public async Task In_a_big_space_red_participants_are_typed_as_addresses_and_each_must_be_a_member()
    {
        var (space, author, browser) = await MemberInSpaceAsync();
        var chosen = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, chosen);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // A hundred more members, written directly: the form is about choosing among them, not about how they joined.
        await factory.AddManyToSpaceAsync(space.Id, NewModelLimit, i => $"big-{i:D3}-{tag}@test.dialogue", i => $"Big {i:D3}");
        var form = await browser.GetPageAsync($"/Threads/New?spaceId={space.Id}");
        Assert.Empty(form.QuerySelectorAll("input[name='Data.Participants']"));
        Assert.NotNull(form.QuerySelector("textarea[name='Data.ParticipantEmails']"));

        var title = ThreadsWorld.Unique("Red by address");
        var refused = await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = "Red",
            ["Data.Body"] = "for few eyes",
            ["Data.ParticipantEmails"] = $"{chosen.Email!.ToUpperInvariant()}, nobody-{tag}@test.dialogue",
        });
        var page = await refused.ReadPageAsync();
        Assert.Contains($"nobody-{tag}@test.dialogue", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(chosen.Email!.ToUpperInvariant(), page.QuerySelector("textarea[name='Data.ParticipantEmails']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));

        await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = "Red",
            ["Data.Body"] = "for few eyes",
            // The author's own address is allowed: they always take part.
            ["Data.ParticipantEmails"] = $"{chosen.Email!.ToUpperInvariant()}\n{author.Email}",
        });
        var threadId = await factory.WithDbAsync(db => db.Threads.Where(t => t.Title == title).Select(t => t.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateSignedInBrowserAsync(chosen)).GetAsync($"/Threads/{threadId}")).StatusCode);
        var bystander = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, bystander);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(bystander)).GetAsync($"/Threads/{threadId}")).StatusCode);
    }

    private const int NewModelLimit = Dialogue.Web.Features.Threads.NewModel.CheckboxLimit;

    [Fact]
    public async Task Editing_keeps_revisions_that_readers_can_open()
    {
        var (space, member, browser) = await MemberInSpaceAsync(SensitivityLabel.Clear);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Edits"), "first wording");
        var post = await factory.FirstPostAsync(thread.Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await browser.SubmitAsync($"/Threads/Edit?postId={post.Id}", new Dictionary<string, string> { ["Data.Body"] = "second wording" });
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await browser.SubmitAsync($"/Threads/Edit?postId={post.Id}", new Dictionary<string, string> { ["Data.Body"] = "third wording" });

        var reader = factory.CreateBrowser();
        var threadPage = await reader.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Contains("third wording", threadPage.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);
        var historyLink = threadPage.QuerySelector($"a[href='/Threads/History?postId={post.Id}']");
        Assert.NotNull(historyLink);
        var history = await reader.GetPageAsync(historyLink!.GetAttribute("href")!);
        Assert.Equal(["first wording", "second wording", "third wording"],
            history.QuerySelectorAll(".revision .post-body").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task Nobody_else_edits_a_post()
    {
        var (space, member, _) = await MemberInSpaceAsync();
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Mine"), "mine");
        var post = await factory.FirstPostAsync(thread.Id);
        var other = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Threads/Edit?postId={post.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Threads/Delete?postId={post.Id}")).StatusCode);
    }

    [Fact]
    public async Task Author_deletes_a_post_and_readers_see_only_that_it_was_deleted()
    {
        var (space, member, browser) = await MemberInSpaceAsync(SensitivityLabel.Clear);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Delete"), "opening");
        var reply = await factory.ReplyAsync(thread.Id, member, "regrettable words");
        var response = await browser.SubmitAsync($"/Threads/Delete?postId={reply.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/{thread.Id}");
        Assert.DoesNotContain("regrettable", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#post-{reply.Number} .post-deleted"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync($"/Threads/History?postId={reply.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={reply.Id}")).StatusCode);
    }

    [Fact]
    public async Task Unread_posts_are_marked_and_jump_to_first_unread_leads_to_them()
    {
        var (space, reader, readerBrowser) = await MemberInSpaceAsync();
        var writer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, writer);
        var thread = await factory.StartThreadAsync(space.Id, writer, SensitivityLabel.Green, ThreadsWorld.Unique("Long"), "post 1");
        for (var i = 2; i <= 21; i++)
        {
            await factory.ReplyAsync(thread.Id, writer, $"post {i}");
        }
        var first = await readerBrowser.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Equal(20, first.QuerySelectorAll(".post").Length);
        Assert.NotNull(first.QuerySelector("a[href$='#post-1']"));   // nothing read before this visit
        Assert.NotNull(first.QuerySelector($"nav.pager a[href='/Threads/{thread.Id}?p=2']"));

        // Page 1 is read now; two more replies arrive.
        await factory.ReplyAsync(thread.Id, writer, "post 22");
        var spacePage = await readerBrowser.GetPageAsync($"/Spaces/{space.Slug}");
        Assert.NotNull(spacePage.QuerySelector(".thread-list li.unread"));

        var again = await readerBrowser.GetPageAsync($"/Threads/{thread.Id}");
        var jump = again.QuerySelector("a.button[href*='#post-']")!.GetAttribute("href");
        Assert.Equal($"/Threads/{thread.Id}?p=2#post-21", jump);
        var second = await readerBrowser.GetPageAsync(jump!.Split('#')[0]);
        Assert.Equal(["post 21", "post 22"], second.QuerySelectorAll(".post-body").Select(b => b.TextContent.Trim()));

        var read = await readerBrowser.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Null(read.QuerySelector("a.button[href*='#post-']"));
        Assert.Null((await readerBrowser.GetPageAsync($"/Spaces/{space.Slug}")).QuerySelector(".thread-list li.unread"));
    }

    [Fact]
    public async Task Quote_prefills_the_reply_and_shows_who_wrote_it()
    {
        var (space, member, browser) = await MemberInSpaceAsync(SensitivityLabel.Clear);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Quote"), "quotable line");
        var post = await factory.FirstPostAsync(thread.Id);
        var replier = await factory.CreateMemberAsync();
        var replierBrowser = await factory.CreateSignedInBrowserAsync(replier);

        var form = await replierBrowser.GetPageAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={post.Id}");
        var draft = form.QuerySelector("textarea")!.TextContent;
        Assert.StartsWith($"> [quote={post.Id}]", draft.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("> quotable line", draft, StringComparison.Ordinal);

        await replierBrowser.SubmitAsync(form, $"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = draft + "I agree." });
        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/{thread.Id}");
        var quote = page.QuerySelector("#post-2 blockquote.quote")!;
        Assert.Contains(member.DisplayName, quote.QuerySelector(".quote-source a")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Threads/Post/{post.Id}", quote.QuerySelector(".quote-source a")!.GetAttribute("href"));
        Assert.Contains("quotable line", quote.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("[quote=", page.QuerySelector("#post-2")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_of_a_post_the_reader_cannot_see_shows_not_available()
    {
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var insider = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(amber.Id, insider);
        await factory.AddToSpaceAsync(open.Id, insider);
        var secret = await factory.StartThreadAsync(amber.Id, insider, SensitivityLabel.Amber, ThreadsWorld.Unique("Amber"), "amber-only finding");
        var secretPost = await factory.FirstPostAsync(secret.Id);
        var green = await factory.StartThreadAsync(open.Id, insider, SensitivityLabel.Green, ThreadsWorld.Unique("Green"),
            $"> [quote={secretPost.Id}]\n>\n> amber-only finding\n\nSee above.");

        var outsider = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var outsiderView = await outsider.GetPageAsync($"/Threads/{green.Id}");
        Assert.DoesNotContain("amber-only finding", outsiderView.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(outsiderView.QuerySelector(".post-body blockquote.quote-unavailable"));
        Assert.Contains("See above.", outsiderView.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);

        var insiderBrowser = await factory.CreateSignedInBrowserAsync(insider);
        var insiderView = await insiderBrowser.GetPageAsync($"/Threads/{green.Id}");
        Assert.Contains("amber-only finding", insiderView.QuerySelector(".post-body blockquote.quote")!.TextContent, StringComparison.Ordinal);

        // Re-read with nothing written in between, the quoted post comes from memory for both: each still gets their own answer.
        foreach (var (browser, sees) in new[] { (outsider, false), (insiderBrowser, true), (outsider, false), (insiderBrowser, true) })
        {
            var html = await browser.GetStringAsync($"/Threads/{green.Id}");
            Assert.Equal(sees, html.Contains("amber-only finding", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Too_long_reply_keeps_the_draft_and_says_why()
    {
        var (space, member, browser) = await MemberInSpaceAsync();
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Draft"), "opening");
        var draft = "draft-start " + new string('x', 20_001);
        var response = await browser.SubmitAsync($"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = draft });
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector("[role=alert] li"));
        Assert.Equal(draft, page.QuerySelector("textarea")!.TextContent.TrimStart('\r', '\n'));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id)));
    }
}
