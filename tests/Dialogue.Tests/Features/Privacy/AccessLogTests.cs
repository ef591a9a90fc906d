using System.Net;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>The access log: every audited surface writes its entry (in batches, off the request), and who may review what.</summary>
public sealed class AccessLogTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Each_read_of_a_red_thread_is_logged_with_its_surface_and_participants_see_who_read_it()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        foreach (var member in new[] { author, reader, outsider })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Audited"), "redlogtoken words", reader);
        var post = await factory.FirstPostAsync(thread.Id);
        var browser = await factory.CreateSignedInBrowserAsync(reader);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Threads/{thread.Id}")).StatusCode);
        await browser.GetAsync($"/Threads/Post/{post.Id}");
        await browser.GetAsync($"/Threads/Post/{post.Id}?from=search");
        await browser.GetAsync($"/Threads/History?postId={post.Id}");
        await browser.GetAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={post.Id}");
        // Each of the two link visits also shows the thread page.
        var entries = await factory.AccessLogAsync(thread.Id, 7);

        Assert.All(entries, e => Assert.Equal(reader.Id, e.UserId));
        Assert.Equal(
            [AccessSurface.Page, AccessSurface.Page, AccessSurface.Page, AccessSurface.Permalink, AccessSurface.History, AccessSurface.Quote, AccessSurface.SearchHit],
            entries.Select(e => e.Surface).Order());
        Assert.All(entries.Where(e => e.Surface != AccessSurface.Page), e => Assert.Equal(post.Id, e.PostId));

        var receipts = await (await factory.CreateSignedInBrowserAsync(author)).GetStringAsync($"/Privacy/ReadBy?threadId={thread.Id}");
        Assert.Contains(reader.DisplayName, receipts, StringComparison.Ordinal);
        Assert.Contains("7 reads", receipts, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(outsider)).GetAsync($"/Privacy/ReadBy?threadId={thread.Id}")).StatusCode);
    }

    [Fact]
    public async Task Reads_of_laxer_labels_are_not_logged()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var amber = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, ThreadsWorld.Unique("Amber"), "words");
        var strict = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.AmberStrict, ThreadsWorld.Unique("Strict"), "words");
        var browser = await factory.CreateSignedInBrowserAsync(author);
        await browser.GetAsync($"/Threads/{amber.Id}");
        await browser.GetAsync($"/Threads/{strict.Id}");

        Assert.Single(await factory.AccessLogAsync(strict.Id, 1));
        Assert.Empty(await factory.WithDbAsync(db => db.ThreadAccessLog.Where(e => e.ThreadId == amber.Id).ToListAsync()));
    }

    [Fact]
    public async Task Admins_filter_and_export_the_log_and_the_export_is_audited_while_members_and_moderators_of_other_spaces_see_none_of_it()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var other = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        var otherModerator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(other.Id, otherModerator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.AmberStrict, ThreadsWorld.Unique("Strict"), "words");
        await (await factory.CreateSignedInBrowserAsync(author)).GetAsync($"/Threads/{thread.Id}");
        await factory.AccessLogAsync(thread.Id, 1);

        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        Assert.Contains("/Admin/AccessLog", await admin.GetStringAsync("/Admin"), StringComparison.Ordinal);
        var filtered = await admin.GetStringAsync($"/Admin/AccessLog?member={Uri.EscapeDataString(author.DisplayName)}&thread={thread.Id}&surface=Page");
        Assert.Contains(author.DisplayName, filtered, StringComparison.Ordinal);
        // The admin is not a member of the space: the thread shows by number, not title.
        Assert.DoesNotContain(thread.Title, filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(author.DisplayName, await admin.GetStringAsync($"/Admin/AccessLog?thread={thread.Id}&surface=History"), StringComparison.Ordinal);

        var csv = await admin.GetAsync($"/Admin/AccessLog?thread={thread.Id}&handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split("\r\n");
        Assert.Equal(2, lines.Length);
        Assert.Contains(author.Id, lines[1], StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AdminAuditEntries.AnyAsync(e => e.Action == AccessLogModel.ExportAction)));

        var mine = await (await factory.CreateSignedInBrowserAsync(moderator)).GetStringAsync($"/Privacy/SpaceAccessLog?spaceId={space.Id}");
        Assert.Contains(author.DisplayName, mine, StringComparison.Ordinal);
        var otherBrowser = await factory.CreateSignedInBrowserAsync(otherModerator);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/Privacy/SpaceAccessLog?spaceId={space.Id}")).StatusCode);
        Assert.DoesNotContain(author.DisplayName, await otherBrowser.GetStringAsync($"/Privacy/SpaceAccessLog?spaceId={other.Id}"), StringComparison.Ordinal);
        var member = await factory.CreateSignedInBrowserAsync(author, followRedirects: false);
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/Admin/AccessLog")).StatusCode);
    }

    [Fact]
    public async Task Entries_still_in_memory_are_written_when_the_app_shuts_down()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dialogue-tests", Guid.NewGuid().ToString("N"));
        long threadId;
        string userId;
        await using (var first = new DialogueFactory { KeepDataDirectory = true })
        {
            first.Settings["App:DataDirectory"] = directory;
            // Nothing would be written for a minute, nor before 10,000 entries: only the shutdown flush writes them.
            first.Settings["AccessLog:FlushInterval"] = "00:01:00";
            first.Settings["AccessLog:BatchSize"] = "10000";
            var space = await first.CreateSpaceAsync(SensitivityLabel.Green);
            var author = await first.CreateMemberAsync();
            await first.AddToSpaceAsync(space.Id, author);
            var thread = await first.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Flush"), "words");
            (threadId, userId) = (thread.Id, author.Id);
            var log = first.Services.GetRequiredService<AccessLog>();
            for (var i = 0; i < 25; i++)
            {
                await log.RecordAsync(userId, threadId, null, AccessSurface.Page);
            }
            Assert.Empty(await first.WithDbAsync(db => db.ThreadAccessLog.Where(e => e.ThreadId == threadId).ToListAsync()));
            var database = first.Database;
            await first.DisposeAsync();
            await using var second = new DialogueFactory().UseDatabase(database);
            second.Settings["App:DataDirectory"] = directory;
            Assert.Equal(25, await second.WithDbAsync(db => db.ThreadAccessLog.CountAsync(e => e.ThreadId == threadId && e.UserId == userId)));
        }
    }
}
