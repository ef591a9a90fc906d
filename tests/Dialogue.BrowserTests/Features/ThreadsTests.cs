using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class ThreadsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Member_replies_with_a_quote_and_a_mention_and_the_author_is_notified_and_taken_to_the_reply()
    {
        var app = fixture.App;
        var alice = await app.CreateMemberAsync();
        var bob = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear);
        var title = ThreadsWorld.Unique("Sharing field notes");
        var opening = ThreadsWorld.Unique("Our survey found the river was higher than in 1998");

        // Alice joins the open space and starts a thread.
        var a = await fixture.NewPageAsync();
        await a.SignInAsync(alice.Email!, DialogueFactory.Password);
        await a.GotoAsync($"/Spaces/{space.Slug}");
        await a.GetByRole(AriaRole.Button, new() { Name = "Join the space" }).ClickAsync();
        await a.GetByRole(AriaRole.Link, new() { Name = "New thread" }).ClickAsync();
        await a.GetByLabel("Title").FillAsync(title);
        await a.GetByLabel("First post").FillAsync(opening);
        await a.GetByRole(AriaRole.Button, new() { Name = "Start the thread" }).ClickAsync();
        await Assertions.Expect(a.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(a.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true })).ToBeVisibleAsync();

        // Bob finds it in the space, joins, quotes Alice's post and mentions her.
        var b = await fixture.NewPageAsync();
        await b.SignInAsync(bob.Email!, DialogueFactory.Password);
        await b.GotoAsync($"/Spaces/{space.Slug}");
        await b.GetByRole(AriaRole.Button, new() { Name = "Join the space" }).ClickAsync();
        await b.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var first = b.Locator("#post-1");
        await Assertions.Expect(first).ToContainTextAsync(opening);
        await first.GetByRole(AriaRole.Link, new() { Name = "Quote" }).ClickAsync();
        var body = b.GetByLabel("Your reply");
        await Assertions.Expect(body).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^> \\[quote=\\d+\\]"));
        await body.PressAsync("Control+End");
        var mention = "@" + alice.Email!.Split('@')[0];
        await body.PressSequentiallyAsync($"Thank you {mention}, our gauge agrees.");
        await b.GetByRole(AriaRole.Button, new() { Name = "Post the reply" }).ClickAsync();

        var reply = b.Locator("#post-2");
        await Assertions.Expect(reply).ToContainTextAsync("our gauge agrees");
        await Assertions.Expect(reply.Locator("blockquote")).ToContainTextAsync(opening);

        // Alice sees the count in the navigation, the notification in her list, and opens it onto Bob's reply.
        // (Alice has moved on to the home page: re-reading the thread itself would mark the mention read.)
        await a.GetByRole(AriaRole.Link, new() { Name = "Dialogue", Exact = true }).ClickAsync();
        var nav = a.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Notifications (1 unread)" }).ClickAsync();
        await Assertions.Expect(a.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        var item = a.GetByRole(AriaRole.Link, new() { Name = $"{bob.DisplayName} mentioned you in “{title}”" });
        await item.ClickAsync();

        await a.WaitForURLAsync(url => url.EndsWith("#post-2", StringComparison.Ordinal));
        var shown = a.Locator("#post-2");
        await Assertions.Expect(shown.GetByRole(AriaRole.Heading, new() { Name = bob.DisplayName })).ToBeVisibleAsync();
        await Assertions.Expect(shown).ToContainTextAsync("our gauge agrees");
        await Assertions.Expect(shown.Locator(".post-body > p .mention")).ToHaveTextAsync("@" + alice.DisplayName);
    }

    [Fact]
    public async Task Thread_page_fits_a_phone_screen()
    {
        var app = fixture.App;
        var author = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear);
        await app.AddToSpaceAsync(space.Id, author);
        var longWord = new string('x', 120);
        var thread = await app.StartThreadAsync(space.Id, author, SensitivityLabel.Clear,
            ThreadsWorld.Unique("A rather long title about hydrological surveys across borders"),
            $"A long unbroken word {longWord}, a link https://example.org/{longWord} and code:\n\n```\n{longWord} {longWord}\n```\n\n| a | b | c |\n|---|---|---|\n| {longWord} | 2 | 3 |");
        await app.ReplyAsync(thread.Id, author, "> quoted\n\nA reply.");

        var page = await fixture.NewPageAsync(phone: true);
        await page.SignInAsync(author.Email!, DialogueFactory.Password);
        await page.GotoAsync($"/Threads/{thread.Id}");
        await Assertions.Expect(page.Locator("#post-2")).ToBeVisibleAsync();
        Assert.False(await page.ScrollsSidewaysAsync(), "The thread page scrolls sideways on a 390 px screen.");
    }
}
