using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

/// <summary>
/// A RED post and an AMBER+STRICT post, quoted directly and nested into CLEAR and GREEN threads by a member who may
/// read them, then quoted again through the Quote button by a member who may not. Their words must reach neither
/// an outsider (a member of neither space) nor a visitor on any surface.
/// </summary>
public sealed class QuoteLeakWorld : IAsyncLifetime
{
    private static readonly Random Random = new();

    public DigestsFactory Factory { get; } = new();
    public string RedWord { get; } = Word("redsecret");
    public string RedShort { get; } = Cjk();
    public string StrictWord { get; } = Word("strictsecret");
    public string StrictShort { get; } = Cjk();
    public string ClearOwn { get; } = Word("clearown");
    public string GreenOwn { get; } = Word("greenown");
    public string QuoterOwn { get; } = Word("quoterown");
    public string OwnShort { get; } = Cjk();
    public string PublicAddress { get; } = $"public-{Guid.NewGuid():N}@test.dialogue";
    public string[] Secrets => [RedWord, RedShort, StrictWord, StrictShort];

    public DialogueUser Insider { get; private set; } = null!;
    public DialogueUser Outsider { get; private set; } = null!;
    public DialogueUser Quoter { get; private set; } = null!;
    public Space Open { get; private set; } = null!;
    public Post RedPost { get; private set; } = null!;
    public Post StrictPost { get; private set; } = null!;
    public DiscussionThread Clear { get; private set; } = null!;
    public DiscussionThread Green { get; private set; } = null!;
    public Post ClearPost { get; private set; } = null!;
    public Post GreenPost { get; private set; } = null!;
    public List<long> QuoterPosts { get; } = [];

    private static string Word(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Two CJK characters: shorter than a trigram, so search takes its LIKE path.</summary>
    private static string Cjk() => string.Concat(Enumerable.Range(0, 2).Select(_ => (char)Random.Next(0x4E00, 0x9FA0)));

    public async Task InitializeAsync()
    {
        var f = Factory;
        await f.WithDbAsync(async db =>
        {
            var now = f.Clock.GetUtcNow();
            db.PublicSubscribers.Add(new PublicSubscriber
            {
                Email = PublicAddress,
                ConfirmationTokenHash = Guid.NewGuid().ToString("N"),
                ConfirmationSentAt = now,
                ConfirmedAt = now,
                CreatedAt = now,
                NextDueAt = now,
            });
            await db.SaveChangesAsync();
        });
        Outsider = await f.MemberWithDigestAsync(hour: 10);
        Insider = await f.CreateMemberAsync();
        Quoter = await f.CreateMemberAsync();
        var inner = await f.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        Open = await f.CreateSpaceAsync(SensitivityLabel.Clear);
        await f.AddToSpaceAsync(inner.Id, Insider);
        await f.AddToSpaceAsync(Open.Id, Insider);

        var red = await f.StartThreadAsync(inner.Id, Insider, SensitivityLabel.Red, "Red room", $"{RedWord} {RedShort}");
        var strict = await f.StartThreadAsync(inner.Id, Insider, SensitivityLabel.AmberStrict, "Strict room", $"{StrictWord} {StrictShort}");
        RedPost = await f.FirstPostAsync(red.Id);
        StrictPost = await f.FirstPostAsync(strict.Id);

        // Quoted directly into CLEAR by the insider, who may read both.
        Clear = await f.StartThreadAsync(Open.Id, Insider, SensitivityLabel.Clear, "Clear hall",
            $"> [quote={RedPost.Id}]\n>\n> {RedWord} {RedShort}\n\n> [quote={StrictPost.Id}]\n>\n> {StrictWord} {StrictShort}\n\n{ClearOwn} {OwnShort}");
        ClearPost = await f.FirstPostAsync(Clear.Id);
        // Nested into GREEN: the CLEAR post quoted whole (as the Quote button used to prefill it), and STRICT directly.
        Green = await f.StartThreadAsync(Open.Id, Insider, SensitivityLabel.Green, "Green hall",
            ReplyModel.QuoteOf(ClearPost.Id, ClearPost.Source) + $"> [quote={StrictPost.Id}]\n>\n> {StrictWord}\n\n{GreenOwn} {OwnShort}");
        GreenPost = await f.FirstPostAsync(Green.Id);

        await f.WithDbAsync(async db =>
        {
            db.Watches.Add(new Watch { UserId = Outsider.Id, ThreadId = Clear.Id, CreatedAt = f.Clock.GetUtcNow() });
            db.Watches.Add(new Watch { UserId = Outsider.Id, ThreadId = Green.Id, CreatedAt = f.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        // The quoter may read CLEAR and GREEN but neither secret, and quotes through the Quote button, mentioning the outsider.
        var quoter = await f.CreateSignedInBrowserAsync(Quoter);
        var mention = "@" + Outsider.Email!.Split('@')[0];
        foreach (var (threadId, quoted) in new[] { (Green.Id, ClearPost.Id), (Clear.Id, GreenPost.Id) })
        {
            var url = $"/Threads/Reply?threadId={threadId}";
            var form = await quoter.GetPageAsync($"{url}&quotePostId={quoted}");
            var draft = form.QuerySelector("textarea")!.TextContent;
            var response = await quoter.SubmitAsync(form, url, new Dictionary<string, string> { ["Data.Body"] = draft + $"{mention} {QuoterOwn} {OwnShort}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            QuoterPosts.Add(await f.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId && p.AuthorId == Quoter.Id).Select(p => p.Id).SingleAsync()));
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Factory.DisposeAsync().AsTask();

    public void AssertNoSecret(string text, string where)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows \"{secret}\":\n{text}");
        }
    }
}

public sealed class QuoteLeakTests(QuoteLeakWorld world) : IClassFixture<QuoteLeakWorld>
{
    private DigestsFactory Factory => world.Factory;

    private async Task<(string Name, HttpClient Browser)[]> StrangersAsync() =>
        [("outsider", await Factory.CreateSignedInBrowserAsync(world.Outsider)), ("visitor", Factory.CreateBrowser())];

    [Fact]
    public async Task Outsider_and_visitor_read_no_quoted_red_or_strict_words_on_thread_pages()
    {
        foreach (var (name, browser) in await StrangersAsync())
        {
            var clear = (await browser.GetPageAsync($"/Threads/{world.Clear.Id}")).DocumentElement.OuterHtml;
            world.AssertNoSecret(clear, $"CLEAR thread to the {name}");
            Assert.Contains(world.ClearOwn, clear, StringComparison.Ordinal);
            Assert.Contains(world.QuoterOwn, clear, StringComparison.Ordinal);
        }
        var green = (await (await Factory.CreateSignedInBrowserAsync(world.Outsider)).GetPageAsync($"/Threads/{world.Green.Id}")).DocumentElement.OuterHtml;
        world.AssertNoSecret(green, "GREEN thread to the outsider");
        Assert.Contains(world.GreenOwn, green, StringComparison.Ordinal);

        // Placeholders, not deletions: the insider, who may read the quoted posts, sees their words.
        var insider = (await (await Factory.CreateSignedInBrowserAsync(world.Insider)).GetPageAsync($"/Threads/{world.Green.Id}")).DocumentElement.OuterHtml;
        Assert.Contains(world.RedWord, insider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outsider_and_visitor_search_finds_no_quoted_words_with_long_or_short_terms()
    {
        foreach (var (name, browser) in await StrangersAsync())
        {
            foreach (var secret in world.Secrets)
            {
                var page = await browser.GetPageAsync($"/Search?q={Uri.EscapeDataString(secret)}");
                Assert.Empty(page.QuerySelectorAll(".search-results li"));
            }
            // Own words are found, full-text and LIKE alike, and their snippets hold no quoted words.
            foreach (var own in new[] { world.ClearOwn, world.QuoterOwn, world.OwnShort })
            {
                var page = await browser.GetPageAsync($"/Search?q={Uri.EscapeDataString(own)}");
                Assert.NotEmpty(page.QuerySelectorAll(".search-results li"));
                world.AssertNoSecret(page.QuerySelector("main")!.OuterHtml, $"search for {own} to the {name}");
            }
        }
        // The index holds each post's own words: even a reader of the RED post finds it alone, not the posts quoting it.
        var insider = await Factory.CreateSignedInBrowserAsync(world.Insider);
        foreach (var term in new[] { world.RedWord, world.RedShort })
        {
            var hits = (await insider.GetPageAsync($"/Search?q={Uri.EscapeDataString(term)}")).QuerySelectorAll(".search-results li h3 a");
            Assert.Equal([$"/Threads/Post/{world.RedPost.Id}?from=search"], hits.Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task Quote_prefill_copies_only_the_quoted_posts_own_words()
    {
        var outsider = await Factory.CreateSignedInBrowserAsync(world.Outsider);
        var insider = await Factory.CreateSignedInBrowserAsync(world.Insider);
        foreach (var (threadId, postId) in new[] { (world.Clear.Id, world.ClearPost.Id), (world.Green.Id, world.GreenPost.Id) }
            .Concat(world.QuoterPosts.Select(id => (world.Green.Id, id))))
        {
            foreach (var browser in new[] { outsider, insider })
            {
                var draft = (await browser.GetPageAsync($"/Threads/Reply?threadId={threadId}&quotePostId={postId}")).QuerySelector("textarea")!.TextContent;
                world.AssertNoSecret(draft, $"the prefill quoting post {postId}");
                Assert.StartsWith($"> [quote={postId}]", draft.TrimStart(), StringComparison.Ordinal);
            }
        }
        var clearDraft = (await outsider.GetPageAsync($"/Threads/Reply?threadId={world.Clear.Id}&quotePostId={world.ClearPost.Id}")).QuerySelector("textarea")!.TextContent;
        Assert.Contains(world.ClearOwn, clearDraft, StringComparison.Ordinal);
        Assert.Contains($"> > [quote={world.RedPost.Id}]", clearDraft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_and_mention_emails_carry_no_quoted_words()
    {
        var notifications = await (await Factory.CreateSignedInBrowserAsync(world.Outsider)).GetPageAsync("/Threads/Notifications");
        Assert.NotEmpty(notifications.QuerySelectorAll(".notifications li"));
        world.AssertNoSecret(notifications.DocumentElement.OuterHtml, "the outsider's notifications");

        var mentions = (await Factory.OutboxToAsync(world.Outsider.Email!)).Where(m => m.Kind == Notifier.MentionEmailKind).ToList();
        Assert.Equal(2, mentions.Count);
        foreach (var message in mentions)
        {
            world.AssertNoSecret(message.Subject + "\n" + message.HtmlBody + "\n" + message.TextBody, "a mention email");
            Assert.Contains(world.QuoterOwn, message.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Member_and_public_digests_carry_no_quoted_words()
    {
        await Factory.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero));
        await Factory.SendOutboxAsync();

        var member = Assert.Single(await Factory.DigestsToAsync(world.Outsider.Email!));
        var memberText = DigestMail.Everything((await DigestMail.PickedUpAsync(Factory, member)).Message);
        world.AssertNoSecret(memberText, "the outsider's digest");
        Assert.Contains(world.ClearOwn, memberText, StringComparison.Ordinal);

        // The public digest goes out weekly, on Monday at 08:00 UTC.
        await Factory.RunUntilAsync(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        await Factory.SendOutboxAsync();
        var visitor = Assert.Single(await Factory.DigestsToAsync(world.PublicAddress));
        var visitorText = DigestMail.Everything((await DigestMail.PickedUpAsync(Factory, visitor)).Message);
        world.AssertNoSecret(visitorText, "the public digest");
        Assert.Contains(world.ClearOwn, visitorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_shows_no_quoted_words_even_after_the_quoting_author_lost_access()
    {
        var historian = await Factory.CreateMemberAsync();
        var inner = await Factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        await Factory.AddToSpaceAsync(inner.Id, historian);
        var secret = "historysecret" + Guid.NewGuid().ToString("N")[..10];
        var red = await Factory.StartThreadAsync(inner.Id, historian, SensitivityLabel.Red, "Red archive", secret);
        var redPost = await Factory.FirstPostAsync(red.Id);
        var thread = await Factory.StartThreadAsync(world.Open.Id, historian, SensitivityLabel.Clear, "Clear archive",
            $"> [quote={redPost.Id}]\n>\n> {secret}\n\nfirst-version");
        var post = await Factory.FirstPostAsync(thread.Id);
        var author = await Factory.CreateSignedInBrowserAsync(historian);
        await author.SubmitAsync($"/Threads/Edit?postId={post.Id}", new Dictionary<string, string> { ["Data.Body"] = "second-version" });

        await Factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == inner.Id && m.UserId == historian.Id).ExecuteDeleteAsync());

        foreach (var (name, browser) in (await StrangersAsync()).Append(("author", author)))
        {
            var history = await browser.GetPageAsync($"/Threads/History?postId={post.Id}");
            Assert.Equal(["first-version", "second-version"], history.QuerySelectorAll(".revision .post-body > p").Select(p => p.TextContent.Trim()));
            Assert.DoesNotContain(secret, history.DocumentElement.OuterHtml, StringComparison.Ordinal);
        }
    }
}
