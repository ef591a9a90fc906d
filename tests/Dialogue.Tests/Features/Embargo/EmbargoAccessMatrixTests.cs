using System.Net;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Embargo;

/// <summary>
/// A scheduled thread and a scheduled reply, for every label × kind of viewer, before and after release: until then
/// only the author and whoever moderates the space (here the space moderator and the admin, within what the label lets
/// them read) see them, on the thread page, the post's own link, the home and space lists, search and notifications;
/// afterwards everyone the table allows.
/// </summary>
public sealed class EmbargoAccessMatrixTests(AccessMatrixTests.World world, EmbargoAccessMatrixTests.Content content)
    : IClassFixture<AccessMatrixTests.World>, IClassFixture<EmbargoAccessMatrixTests.Content>
{
    public static TheoryData<SensitivityLabel, Kind> Cases() => AccessMatrixTests.Cases();

    private static bool SeesScheduled(Kind kind, SensitivityLabel label) =>
        AccessMatrixTests.Reads[kind][(int)label] && kind is Kind.SpaceModerator or Kind.Admin;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_scheduled_thread_shows_only_to_its_moderators_until_released_then_to_every_reader(SensitivityLabel label, Kind kind)
    {
        await content.EnsureAsync(world);
        var client = await world.ClientAsync(kind);
        var reads = AccessMatrixTests.Reads[kind][(int)label];
        // Nobody is notified of a scheduled thread, not even who may see it; at release every reader among the watchers is.
        await AssertThreadAsync(client, content.ScheduledThreads[label], SeesScheduled(kind, label), notified: false, kind);
        await AssertThreadAsync(client, content.ReleasedThreads[label], reads, notified: reads, kind);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_scheduled_reply_shows_only_to_its_moderators_until_released_then_to_every_reader(SensitivityLabel label, Kind kind)
    {
        await content.EnsureAsync(world);
        var client = await world.ClientAsync(kind);
        var readsThread = AccessMatrixTests.Reads[kind][(int)label];
        await AssertReplyAsync(client, content.ScheduledReplies[label], readsThread, SeesScheduled(kind, label), notified: false, kind);
        await AssertReplyAsync(client, content.ReleasedReplies[label], readsThread, readsThread, notified: readsThread, kind);
    }

    [Fact]
    public async Task The_author_sees_their_own_scheduled_thread_marked_with_the_time_and_a_member_cannot_reach_its_schedule_page()
    {
        await content.EnsureAsync(world);
        var client = await world.ClientAsync(Kind.SpaceMember);
        var thread = content.ScheduledThreads[SensitivityLabel.Amber];
        var author = await world.Factory.CreateSignedInBrowserAsync(world.Author);
        var page = await author.GetStringAsync($"/Threads/{thread.Id}");
        Assert.Contains(thread.Title, page, StringComparison.Ordinal);
        Assert.Contains("Scheduled for", page, StringComparison.Ordinal);
        Assert.Contains($"/Threads/{thread.Id}/Schedule", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Threads/{thread.Id}/Schedule")).StatusCode);
    }

    private async Task AssertThreadAsync(HttpClient client, DiscussionThread thread, bool expected, bool notified, Kind kind)
    {
        var page = await client.GetAsync($"/Threads/{thread.Id}");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(expected, (await page.Content.ReadAsStringAsync()).Contains(Content.BodyOf(thread.Title), StringComparison.Ordinal));
        Assert.Equal(expected, (await client.GetStringAsync($"/Search?q={Content.BodyOf(thread.Title)}")).Contains(thread.Title, StringComparison.Ordinal));
        Assert.Equal(expected, (await client.GetStringAsync($"/Spaces/{world.Space.Slug}")).Contains(thread.Title, StringComparison.Ordinal));
        if (kind != Kind.Stranger)
        {
            Assert.Equal(notified, (await client.GetStringAsync("/Threads/Notifications")).Contains(thread.Title, StringComparison.Ordinal));
        }
    }

    private static async Task AssertReplyAsync(HttpClient client, (Post Post, string Word) scheduled, bool readsThread, bool expected, bool notified, Kind kind)
    {
        var (reply, body) = scheduled;
        var page = await client.GetAsync($"/Threads/{reply.ThreadId}");
        Assert.Equal(readsThread ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(expected, (await page.Content.ReadAsStringAsync()).Contains(body, StringComparison.Ordinal));
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/Threads/Post/{reply.Id}")).StatusCode);
        // The search page repeats the query in its box: the hit is the link to the post.
        Assert.Equal(expected, (await client.GetStringAsync($"/Search?q={body}")).Contains($"/Threads/Post/{reply.Id}", StringComparison.Ordinal));
        if (kind != Kind.Stranger)
        {
            Assert.Equal(notified, (await client.GetStringAsync("/Threads/Notifications")).Contains($"/Threads/Post/{reply.Id}\"", StringComparison.Ordinal));
        }
    }

    /// <summary>The scheduled content, written through the app's own posting and release, once per test class.</summary>
    public sealed class Content : IDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private bool ready;

        public Dictionary<SensitivityLabel, DiscussionThread> ScheduledThreads { get; } = [];
        public Dictionary<SensitivityLabel, DiscussionThread> ReleasedThreads { get; } = [];
        public Dictionary<SensitivityLabel, (Post Post, string Word)> ScheduledReplies { get; } = [];
        public Dictionary<SensitivityLabel, (Post Post, string Word)> ReleasedReplies { get; } = [];

        /// <summary>A word unique to the thread or post, for search and for finding it in a page.</summary>
        public static string BodyOf(string titleOrSource) => "embargoword" + titleOrSource.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

        public async Task EnsureAsync(AccessMatrixTests.World world)
        {
            await world.EnsureAsync();
            await gate.WaitAsync();
            try
            {
                if (ready)
                {
                    return;
                }
                // Every viewer watches the space first, so posting (and release) would notify each one who may read.
                await world.Factory.WithDbAsync(async db =>
                {
                    foreach (var kind in Enum.GetValues<Kind>().Where(k => k != Kind.Stranger))
                    {
                        db.Watches.Add(new Watch { UserId = world.User(kind).Id, SpaceId = world.Space.Id, CreatedAt = world.Clock.GetUtcNow() });
                    }
                    await db.SaveChangesAsync();
                });
                var later = world.Clock.GetUtcNow().AddDays(2);
                var participant = world.User(Kind.RedParticipant);
                foreach (var label in Enum.GetValues<SensitivityLabel>())
                {
                    ScheduledThreads[label] = await StartAsync(world, label, later, participant);
                    ReleasedThreads[label] = await StartAsync(world, label, later, participant);
                    var host = await world.Factory.StartThreadAsync(world.Space.Id, world.Author, label, ThreadsWorld.Unique($"Host-{label}"), "host thread", participant);
                    ScheduledReplies[label] = await ReplyAsync(world, host.Id, later);
                    ReleasedReplies[label] = await ReplyAsync(world, host.Id, later);
                    Assert.True(await world.Factory.ReleaseThreadNowAsync(ReleasedThreads[label].Id));
                    Assert.True(await world.Factory.ReleasePostNowAsync(ReleasedReplies[label].Post.Id));
                }
                ready = true;
            }
            finally
            {
                gate.Release();
            }
        }

        public void Dispose() => gate.Dispose();

        private static Task<DiscussionThread> StartAsync(AccessMatrixTests.World world, SensitivityLabel label, DateTimeOffset until, DialogueUser participant)
        {
            var title = ThreadsWorld.Unique($"Scheduled-{label}");
            return world.Factory.StartScheduledThreadAsync(world.Space.Id, world.Author, label, title, "Opening words " + BodyOf(title), until, participant);
        }

        private static async Task<(Post, string)> ReplyAsync(AccessMatrixTests.World world, long threadId, DateTimeOffset until)
        {
            var word = BodyOf(ThreadsWorld.Unique("reply"));
            return (await world.Factory.ScheduledReplyAsync(threadId, world.Author, "A scheduled reply: " + word, until), word);
        }

    }
}
