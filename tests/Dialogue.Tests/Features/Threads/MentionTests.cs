using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

public sealed class MentionTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Space Space, DialogueUser Author, DialogueUser Mentioned)> SpaceWithTwoAsync(SensitivityLabel label)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var mentioned = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, mentioned);
        return (space, author, mentioned);
    }

    private static string Handle(DialogueUser user) => "@" + user.Email!.Split('@')[0];

    [Fact]
    public async Task Mention_notifies_in_app_and_shows_the_display_name()
    {
        var (space, author, mentioned) = await SpaceWithTwoAsync(SensitivityLabel.Green);
        var title = ThreadsWorld.Unique("Mention");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, $"Opening for {Handle(mentioned)} to read.");

        var browser = await factory.CreateSignedInBrowserAsync(mentioned);
        var home = await browser.GetPageAsync("/");
        Assert.Contains("1", home.QuerySelector("a.notifications-link")!.TextContent, StringComparison.Ordinal);
        var list = await browser.GetPageAsync("/Threads/Notifications");
        var item = list.QuerySelector(".notifications li.unread a")!;
        Assert.Contains(title, item.TextContent, StringComparison.Ordinal);
        Assert.Contains(author.DisplayName, item.TextContent, StringComparison.Ordinal);

        var page = await browser.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Equal("@" + mentioned.DisplayName, page.QuerySelector(".post-body .mention")!.TextContent);
        Assert.Null((await browser.GetPageAsync("/Threads/Notifications")).QuerySelector(".notifications li.unread"));
    }

    [Fact]
    public async Task Watchers_are_notified_of_replies_they_may_read()
    {
        var (space, author, watcher) = await SpaceWithTwoAsync(SensitivityLabel.Green);
        var title = ThreadsWorld.Unique("Watched");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "opening");
        var browser = await factory.CreateSignedInBrowserAsync(watcher);
        await browser.SubmitAsync($"/Threads/{thread.Id}", new Dictionary<string, string>(), "form[action*='handler=Watch']");
        await factory.ReplyAsync(thread.Id, author, "a reply");
        var list = await browser.GetPageAsync("/Threads/Notifications");
        Assert.Contains(title, list.QuerySelector(".notifications li.unread a")!.TextContent, StringComparison.Ordinal);

        // The author watches their own thread and hears of the watcher's reply.
        await factory.ReplyAsync(thread.Id, watcher, "answer");
        var authorList = await (await factory.CreateSignedInBrowserAsync(author)).GetPageAsync("/Threads/Notifications");
        Assert.Contains(title, authorList.QuerySelector(".notifications li.unread a")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mentioning_someone_who_cannot_read_the_thread_tells_them_nothing()
    {
        var (space, author, _) = await SpaceWithTwoAsync(SensitivityLabel.Amber);
        var outsider = await factory.CreateMemberAsync();
        var title = ThreadsWorld.Unique("Closed door");
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, title, $"Hello {Handle(outsider)}");
        Assert.Empty(await factory.OutboxToAsync(outsider.Email!));
        var list = await (await factory.CreateSignedInBrowserAsync(outsider)).GetPageAsync("/Threads/Notifications");
        Assert.Null(list.QuerySelector(".notifications li"));
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear)]
    [InlineData(SensitivityLabel.Green)]
    [InlineData(SensitivityLabel.Amber)]
    [InlineData(SensitivityLabel.AmberStrict)]
    [InlineData(SensitivityLabel.Red)]
    public async Task Mention_email_carries_only_what_the_label_allows(SensitivityLabel label)
    {
        var (space, author, mentioned) = await SpaceWithTwoAsync(label);
        var title = ThreadsWorld.Unique($"Title-{label}");
        var opening = "opening-words-" + label + " " + string.Concat(Enumerable.Repeat("filler ", 60)) + "closing-words-" + label;
        await factory.StartThreadAsync(space.Id, author, label, title, $"{Handle(mentioned)} {opening}", mentioned);

        var message = Assert.Single(await factory.OutboxToAsync(mentioned.Email!));
        Assert.Equal(Notifier.MentionEmailKind, message.Kind);
        var raw = message.Subject + "\n" + message.HtmlBody + "\n" + message.TextBody;
        var showsTitle = label <= SensitivityLabel.Amber;
        var showsStart = label <= SensitivityLabel.Amber;
        var showsAll = label <= SensitivityLabel.Green;
        Assert.Equal(showsTitle, raw.Contains(title, StringComparison.Ordinal));
        Assert.Equal(showsStart, raw.Contains("opening-words-" + label, StringComparison.Ordinal));
        Assert.Equal(showsAll, raw.Contains("closing-words-" + label, StringComparison.Ordinal));
        Assert.Equal(showsTitle, raw.Contains(author.DisplayName, StringComparison.Ordinal));
        var links = Links.In(message.HtmlBody).ToList();
        Assert.NotEmpty(links);
        if (label == SensitivityLabel.Red)
        {
            // Content-free: not even the thread's address.
            Assert.All(links, l => Assert.DoesNotContain("/Threads/Post", l, StringComparison.Ordinal));
        }
        else
        {
            // The link leads a reader who may read the post to it.
            var browser = await factory.CreateSignedInBrowserAsync(mentioned);
            var page = await browser.GetPageAsync(Links.PathOf(links.First(l => l.Contains("/Threads/Post/", StringComparison.Ordinal))));
            Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        }
    }

    [Fact]
    public async Task Full_email_leaves_out_a_quote_the_recipient_cannot_read()
    {
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var insider = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(amber.Id, insider);
        var secret = await factory.StartThreadAsync(amber.Id, insider, SensitivityLabel.Amber, ThreadsWorld.Unique("Secret"), "amber-secret-sentence");
        var secretPost = await factory.FirstPostAsync(secret.Id);
        await factory.StartThreadAsync(open.Id, insider, SensitivityLabel.Green, ThreadsWorld.Unique("Open"),
            $"> [quote={secretPost.Id}]\n>\n> amber-secret-sentence\n\n{Handle(reader)} what do you think?");
        var message = Assert.Single(await factory.OutboxToAsync(reader.Email!));
        Assert.DoesNotContain("amber-secret-sentence", message.HtmlBody + message.TextBody, StringComparison.Ordinal);
        Assert.Contains("what do you think?", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ambiguous_short_handle_mentions_nobody_but_the_full_address_does()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var local = "twin" + Guid.NewGuid().ToString("N")[..6];
        var first = await factory.CreateMemberAsync($"{local}@one.test");
        var second = await factory.CreateMemberAsync($"{local}@two.test");
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Twins"), $"@{local} and @{local}@two.test");
        Assert.Empty(await factory.OutboxToAsync(first.Email!));
        Assert.Single(await factory.OutboxToAsync(second.Email!));
    }

    [Fact]
    public async Task Quoting_a_mention_does_not_mention_again()
    {
        var (space, author, mentioned) = await SpaceWithTwoAsync(SensitivityLabel.Green);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Requote"), $"Over to {Handle(mentioned)}");
        var first = await factory.FirstPostAsync(thread.Id);
        var replier = await factory.CreateMemberAsync();
        await factory.ReplyAsync(thread.Id, replier, $"> [quote={first.Id}]\n>\n> Over to {Handle(mentioned)}\n\nAgreed.");
        Assert.Single(await factory.OutboxToAsync(mentioned.Email!));
    }

    private Task<int> RenameAsync(DialogueUser user, string name) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name)));

    [Fact]
    public async Task A_short_handle_of_a_member_who_cannot_read_the_thread_stays_as_typed()
    {
        var (space, author, _) = await SpaceWithTwoAsync(SensitivityLabel.Amber);
        var outsider = await factory.CreateMemberAsync();
        var hidden = ThreadsWorld.Unique("Hidden Name");
        await RenameAsync(outsider, hidden);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, ThreadsWorld.Unique("Who is that"), $"Is {Handle(outsider)} here?");

        var page = await (await factory.CreateSignedInBrowserAsync(author)).GetPageAsync($"/Threads/{thread.Id}");
        Assert.Null(page.QuerySelector(".post-body .mention"));
        Assert.Contains($"Is {Handle(outsider)} here?", page.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(outsider.Email!));
        Assert.False(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == outsider.Id)));
    }

    [Fact]
    public async Task A_full_address_of_a_member_who_cannot_read_the_thread_stays_as_typed()
    {
        var (space, author, participant) = await SpaceWithTwoAsync(SensitivityLabel.Amber);
        var spaceMember = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, spaceMember);
        var hidden = ThreadsWorld.Unique("Hidden Name");
        await RenameAsync(spaceMember, hidden);
        // A space member, but not a participant of this RED thread.
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Few eyes"),
            $"Ask @{spaceMember.Email} and {Handle(participant)}", participant);

        var page = await (await factory.CreateSignedInBrowserAsync(author)).GetPageAsync($"/Threads/{thread.Id}");
        Assert.Equal(["@" + participant.DisplayName], page.QuerySelectorAll(".post-body .mention").Select(m => m.TextContent));
        Assert.Contains($"@{spaceMember.Email}", page.QuerySelector(".post-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(spaceMember.Email!));
        Assert.Single(await factory.OutboxToAsync(participant.Email!));
    }

    [Fact]
    public async Task A_short_handle_shared_with_someone_outside_the_thread_mentions_the_one_reader()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var local = "pair" + Guid.NewGuid().ToString("N")[..6];
        var reader = await factory.CreateMemberAsync($"{local}@one.test");
        var stranger = await factory.CreateMemberAsync($"{local}@two.test");
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, reader);
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, ThreadsWorld.Unique("Pair"), $"@{local} have a look");
        Assert.Single(await factory.OutboxToAsync(reader.Email!));
        Assert.Empty(await factory.OutboxToAsync(stranger.Email!));
    }

    [Fact]
    public async Task Quoting_a_post_shows_its_mentions_as_display_names_not_addresses()
    {
        var (space, author, mentioned) = await SpaceWithTwoAsync(SensitivityLabel.Green);
        var shown = ThreadsWorld.Unique("Shown Name");
        await RenameAsync(mentioned, shown);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Handles"), $"Ask @{mentioned.Email} please");
        var post = await factory.FirstPostAsync(thread.Id);

        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var draft = (await reader.GetPageAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={post.Id}")).QuerySelector("textarea")!.TextContent;
        Assert.Contains("@" + shown, draft, StringComparison.Ordinal);
        Assert.DoesNotContain(mentioned.Email!, draft, StringComparison.Ordinal);
    }
}
