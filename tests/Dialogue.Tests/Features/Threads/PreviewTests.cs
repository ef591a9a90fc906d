using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

/// <summary>The Preview button renders the draft through the posting pipeline, for the writer as a reader, and writes nothing.</summary>
public sealed class PreviewTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private const string PreviewButton = "button[formaction*='handler=Preview']";

    [Fact]
    public async Task Previewing_a_new_thread_shows_rendered_Markdown_keeps_the_draft_and_writes_no_thread()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var browser = await factory.CreateSignedInBrowserAsync(member);
        var title = ThreadsWorld.Unique("Preview");
        var draft = "Some **bold** claim.";

        var response = await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Tags"] = "evals",
            ["Data.Body"] = draft,
        }, submitSelector: PreviewButton);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("bold", page.QuerySelector(".post-preview .post-body strong")!.TextContent);
        Assert.Equal(draft, page.QuerySelector("textarea[name='Data.Body']")!.TextContent.TrimStart('\r', '\n'));
        Assert.Equal(title, page.QuerySelector("input[name='Data.Title']")!.GetAttribute("value"));
        Assert.Equal("evals", page.QuerySelector("input[name='Data.Tags']")!.GetAttribute("value"));
        Assert.False(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));

        // The previewed form still posts the thread.
        var posted = await browser.SubmitAsync(page, $"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>());
        Assert.Equal("bold", (await posted.ReadPageAsync()).QuerySelector(".post-body strong")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));
    }

    [Fact]
    public async Task Previewing_without_a_title_shows_the_preview_without_complaining_about_the_title()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var browser = await factory.CreateSignedInBrowserAsync(member);

        var page = await (await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}",
            new Dictionary<string, string> { ["Data.Body"] = "_draft_" }, submitSelector: PreviewButton)).ReadPageAsync();

        Assert.Equal("draft", page.QuerySelector(".post-preview .post-body em")!.TextContent);
        Assert.Null(page.QuerySelector("[role=alert] li"));
    }

    [Fact]
    public async Task A_failed_new_thread_keeps_the_draft_in_the_form()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var browser = await factory.CreateSignedInBrowserAsync(member);

        var page = await (await browser.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = "",
            ["Data.Tags"] = "kept-tag",
            ["Data.Body"] = "words worth keeping",
        })).ReadPageAsync();

        Assert.NotNull(page.QuerySelector("[role=alert] li"));
        Assert.Equal("words worth keeping", page.QuerySelector("textarea[name='Data.Body']")!.TextContent.TrimStart('\r', '\n'));
        Assert.Equal("kept-tag", page.QuerySelector("input[name='Data.Tags']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Previewing_a_reply_that_quotes_a_post_the_writer_may_not_read_shows_it_as_not_available()
    {
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var insider = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(amber.Id, insider);
        var secretPost = await factory.FirstPostAsync(
            (await factory.StartThreadAsync(amber.Id, insider, SensitivityLabel.Amber, ThreadsWorld.Unique("Amber"), "amber-only finding")).Id);
        var writer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(open.Id, writer);
        var thread = await factory.StartThreadAsync(open.Id, writer, SensitivityLabel.Green, ThreadsWorld.Unique("Green"), "opening");
        var browser = await factory.CreateSignedInBrowserAsync(writer);
        var draft = $"> [quote={secretPost.Id}]\n>\n> amber-only finding\n\nSee **above**.";

        var page = await (await browser.SubmitAsync($"/Threads/Reply?threadId={thread.Id}",
            new Dictionary<string, string> { ["Data.Body"] = draft }, submitSelector: PreviewButton)).ReadPageAsync();

        var preview = page.QuerySelector(".post-preview .post-body")!;
        Assert.NotNull(preview.QuerySelector("blockquote.quote-unavailable"));
        Assert.Contains("Quoted post not available", preview.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("amber-only finding", preview.TextContent, StringComparison.Ordinal);
        Assert.Equal("above", preview.QuerySelector("strong")!.TextContent);
        Assert.Equal(draft, page.QuerySelector("textarea[name='Data.Body']")!.TextContent.TrimStart('\r', '\n').Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id)));
    }

    [Fact]
    public async Task Previewing_an_edit_shows_the_new_text_and_leaves_the_post_unchanged()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Edit"), "first wording");
        var post = await factory.FirstPostAsync(thread.Id);
        var browser = await factory.CreateSignedInBrowserAsync(member);

        var page = await (await browser.SubmitAsync($"/Threads/Edit?postId={post.Id}",
            new Dictionary<string, string> { ["Data.Body"] = "`second` wording" }, submitSelector: PreviewButton)).ReadPageAsync();

        Assert.Equal("second", page.QuerySelector(".post-preview .post-body code")!.TextContent);
        Assert.Equal("`second` wording", page.QuerySelector("textarea[name='Data.Body']")!.TextContent.TrimStart('\r', '\n'));
        var stored = await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => new { p.Source, Revisions = db.PostRevisions.Count(r => r.PostId == p.Id) }).SingleAsync());
        Assert.Equal("first wording", stored.Source);
        Assert.Equal(0, stored.Revisions);
    }

    [Fact]
    public async Task Preview_is_refused_like_posting_to_someone_who_may_not_post()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Mine"), "mine");
        var post = await factory.FirstPostAsync(thread.Id);
        var author = await factory.CreateSignedInBrowserAsync(member);
        var editForm = await author.GetPageAsync($"/Threads/Edit?postId={post.Id}");
        var other = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());

        // Someone else, with a form and token of their own, posting to the author's preview handler.
        var response = await other.SubmitAsync(await other.GetPageAsync($"/Threads/Reply?threadId={thread.Id}"), $"/Threads/Reply?threadId={thread.Id}",
            new Dictionary<string, string> { ["Data.Body"] = "x" }, submitSelector: PreviewButton);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forbidden = await other.PostAsync(editForm.QuerySelector(PreviewButton)!.GetAttribute("formaction"),
            new FormUrlEncodedContent([new("Data.Body", "x"), new("__RequestVerificationToken",
                (await other.GetPageAsync($"/Threads/Reply?threadId={thread.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
