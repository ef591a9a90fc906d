using System.Net;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Performance;

/// <summary>
/// Signed-out readers' pages come from the output cache; signed-in ones never do, and a change to content shows at once.
/// "Age" is the header the output cache adds to a response it served from memory.
/// </summary>
public sealed class AnonymousPageCacheTests(AnonymousPageCacheTests.CachingFactory factory) : IClassFixture<AnonymousPageCacheTests.CachingFactory>
{
    public sealed class CachingFactory : DialogueFactory
    {
        // On for both providers here (its default is on for SQLite only), so both are tested.
        public CachingFactory() => Settings["Caching:AnonymousPages"] = "true";
    }

    private async Task<(long ThreadId, Dialogue.Data.Accounts.DialogueUser Author)> ClearThreadAsync(string body)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Cached"), body);
        return (thread.Id, author);
    }

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task A_visitor_is_served_from_the_cache_and_a_signed_in_member_never_is()
    {
        var (threadId, _) = await ClearThreadAsync("Public findings on evaluation.");
        var visitor = factory.CreateClient();
        var member = await factory.CreateMemberAsync();
        var signedIn = await factory.CreateSignedInBrowserAsync(member);

        // The member asks first: nothing of theirs may be stored for the visitor.
        var memberFirst = await signedIn.GetAsync($"/Threads/{threadId}");
        var visitorFirst = await visitor.GetAsync($"/Threads/{threadId}");
        var visitorSecond = await visitor.GetAsync($"/Threads/{threadId}");
        var memberAfter = await signedIn.GetAsync($"/Threads/{threadId}");

        Assert.False(FromCache(memberFirst));
        Assert.False(FromCache(visitorFirst));
        Assert.True(FromCache(visitorSecond));
        Assert.DoesNotContain(member.DisplayName, await visitorSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(FromCache(memberAfter));
        var memberPage = await memberAfter.ReadPageAsync();
        Assert.Equal(member.DisplayName, memberPage.QuerySelector("nav.account-nav .user-menu summary")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_visitor_never_gets_a_cached_page_of_a_thread_whose_label_was_raised()
    {
        var (threadId, _) = await ClearThreadAsync("Soon to be restricted.");
        var visitor = factory.CreateClient();
        await visitor.GetAsync($"/Threads/{threadId}");
        Assert.True(FromCache(await visitor.GetAsync($"/Threads/{threadId}")));

        await factory.WithScopeAsync(async sp =>
        {
            var admin = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), (await factory.AdminAsync()).Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().SetLabelAsync(threadId, SensitivityLabel.Amber, "restricted now", admin, CancellationToken.None);
        });

        var after = await visitor.GetAsync($"/Threads/{threadId}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.DoesNotContain("Soon to be restricted", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_and_a_reply_show_to_a_visitor_at_once()
    {
        var (threadId, author) = await ClearThreadAsync("First wording.");
        var visitor = factory.CreateClient();
        await visitor.GetAsync($"/Threads/{threadId}");
        Assert.True(FromCache(await visitor.GetAsync($"/Threads/{threadId}")));

        await factory.WithScopeAsync(async sp =>
        {
            var editor = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), author.Id, CancellationToken.None);
            var first = await factory.FirstPostAsync(threadId);
            await sp.GetRequiredService<Posting>().EditAsync(first.Id, "Second wording.", editor, CancellationToken.None);
            return true;
        });
        var edited = await visitor.GetAsync($"/Threads/{threadId}");
        await factory.ReplyAsync(threadId, author, "A reply that arrived later.");
        var replied = await visitor.GetStringAsync($"/Threads/{threadId}");

        var editedText = await edited.Content.ReadAsStringAsync();
        Assert.Contains("Second wording.", editedText, StringComparison.Ordinal);
        Assert.DoesNotContain("First wording.", editedText, StringComparison.Ordinal);
        Assert.Contains("A reply that arrived later.", replied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitors_search_comes_from_the_cache_and_shows_a_new_post_and_a_raised_label_at_once()
    {
        var word = ThreadsWorld.Unique("cachedword").ToLowerInvariant();
        var (threadId, author) = await ClearThreadAsync($"The {word} study.");
        var visitor = factory.CreateClient();
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var search = $"/Search?q={word}";
        await visitor.GetAsync(search);
        Assert.True(FromCache(await visitor.GetAsync(search)));
        await member.GetAsync(search);
        Assert.False(FromCache(await member.GetAsync(search)));

        await factory.ReplyAsync(threadId, author, $"A second {word} reply.");
        var replied = await visitor.GetAsync(search);
        await factory.WithScopeAsync(async sp =>
        {
            var admin = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), (await factory.AdminAsync()).Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().SetLabelAsync(threadId, SensitivityLabel.Amber, "restricted now", admin, CancellationToken.None);
        });
        var raised = await visitor.GetAsync(search);

        Assert.False(FromCache(replied));
        // The snippet marks the matched word, so only the words around it are looked for.
        Assert.Contains("A second ", await replied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(FromCache(raised));
        Assert.DoesNotContain(" study.", await raised.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_reading_in_Chinese_gets_a_Chinese_page_after_an_English_reader_filled_the_cache()
    {
        var (threadId, _) = await ClearThreadAsync("Bilingual reading.");
        var english = factory.CreateClient();
        await english.GetAsync($"/Threads/{threadId}");
        await english.GetAsync($"/Threads/{threadId}");
        var chinese = factory.CreateClient();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");

        var page = await (await chinese.GetAsync($"/Threads/{threadId}")).ReadPageAsync();

        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Spaces")]
    [InlineData("/Search?q=evaluation")]
    public async Task A_signed_out_page_sets_no_cookie_and_does_not_forbid_caching(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task A_signed_out_thread_page_sets_no_cookie()
    {
        var (threadId, _) = await ClearThreadAsync("No cookies here.");

        var response = await factory.CreateClient().GetAsync($"/Threads/{threadId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("""INSERT INTO "Posts" ("Body") VALUES (@p0) RETURNING "Id";""", true)]
    [InlineData("""UPDATE "Threads" AS t SET "PostCount" = t."PostCount" + 1""", true)]
    [InlineData("""DELETE FROM "ThreadTags" WHERE "ThreadId" = @p0""", true)]
    [InlineData("""UPDATE "Notifications" AS n SET "ReadAt" = @p0""", false)]
    [InlineData("""INSERT INTO "ReadStates" ("UserId") VALUES (@p0) ON CONFLICT ("UserId") DO UPDATE SET "LastReadPostNumber" = 3""", false)]
    [InlineData("""SELECT "Id" FROM "OutboxMessages" LIMIT 10 FOR UPDATE SKIP LOCKED""", false)]
    [InlineData("""SELECT "Id", "Title" FROM "Threads" WHERE "Id" = @p0""", false)]
    [InlineData("""INSERT INTO "WorkshopSessions" ("Title") VALUES (@p0)""", true)]
    public void A_write_evicts_unless_its_table_is_never_shown_to_visitors(string sql, bool evicts) =>
        Assert.Equal(evicts, AnonymousPageEviction.ChangesShownContent(sql));
}
