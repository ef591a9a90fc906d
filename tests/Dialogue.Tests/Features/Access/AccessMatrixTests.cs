using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Access;

/// <summary>
/// For every label and every kind of viewer, every surface built so far shows the content or hides it
/// (404 where it has a URL of its own) as the table in shared/DESIGN.md says. Later surfaces join here.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    public enum Kind { Stranger, MemberNotInSpace, SpaceMember, RedParticipant, SpaceModerator, Admin }

    /// <summary>Columns: CLEAR, GREEN, AMBER, AMBER+STRICT, RED. Public so each feature's own matrix test (Workshops, Glossary, ...) holds its surfaces to the same table.</summary>
    public static readonly Dictionary<Kind, bool[]> Reads = new()
    {
        [Kind.Stranger] = [true, false, false, false, false],
        [Kind.MemberNotInSpace] = [true, true, false, false, false],
        [Kind.SpaceMember] = [true, true, true, true, false],
        [Kind.RedParticipant] = [true, true, true, true, true],
        [Kind.SpaceModerator] = [true, true, true, true, false],
        [Kind.Admin] = [true, true, false, false, false],
    };

    public static TheoryData<SensitivityLabel, Kind> Cases()
    {
        var data = new TheoryData<SensitivityLabel, Kind>();
        foreach (var label in Enum.GetValues<SensitivityLabel>())
        {
            foreach (var kind in Enum.GetValues<Kind>())
            {
                data.Add(label, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_surface_shows_or_hides_the_thread_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        await world.EnsureAsync();
        var expected = Reads[kind][(int)label];
        var thread = world.Threads[label];
        var client = await world.ClientAsync(kind);
        var signedIn = kind != Kind.Stranger;

        // Thread page.
        var page = await client.GetAsync($"/Threads/{thread.Id}");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(expected, html.Contains(thread.Title, StringComparison.Ordinal));
        Assert.Equal(expected, html.Contains(World.BodyOf(label), StringComparison.Ordinal));

        // Search results, through the same policy (full-text and, for a short query, LIKE).
        var search = await client.GetStringAsync($"/Search?q={World.BodyOf(label)}");
        Assert.Equal(expected, search.Contains(thread.Title, StringComparison.Ordinal));

        // The home page's latest threads.
        Assert.Equal(expected, (await client.GetStringAsync("/")).Contains(thread.Title, StringComparison.Ordinal));

        // The space's thread list.
        var space = await client.GetAsync($"/Spaces/{world.Space.Slug}");
        Assert.Equal(HttpStatusCode.OK, space.StatusCode);
        Assert.Equal(expected, (await space.Content.ReadAsStringAsync()).Contains(thread.Title, StringComparison.Ordinal));

        // Permanent link to the post, and its history.
        var link = await client.GetAsync($"/Threads/Post/{world.Posts[label].Id}");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, link.StatusCode);
        var history = await client.GetAsync($"/Threads/History?postId={world.Posts[label].Id}");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, history.StatusCode);
        Assert.Equal(expected, (await history.Content.ReadAsStringAsync()).Contains(World.BodyOf(label), StringComparison.Ordinal));

        if (signedIn)
        {
            // Quoting the post prefills its words, or the URL does not exist.
            var quote = await client.GetAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={world.Posts[label].Id}");
            Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, quote.StatusCode);
            Assert.Equal(expected, (await quote.Content.ReadAsStringAsync()).Contains(World.BodyOf(label), StringComparison.Ordinal));

            // Editing someone else's post: forbidden when readable, not found when not.
            var edit = await client.GetAsync($"/Threads/Edit?postId={world.Posts[label].Id}");
            Assert.Equal(expected ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, edit.StatusCode);

            // A notification about the thread (written when the viewer could, say, still read it) shows only if they may read it now.
            var notifications = await client.GetAsync("/Threads/Notifications");
            Assert.Equal(expected, (await notifications.Content.ReadAsStringAsync()).Contains(thread.Title, StringComparison.Ordinal));

            // The review queue (the post is flagged) and the moderation log: moderators only, and only what they may read.
            var moderates = kind is Kind.SpaceModerator or Kind.Admin;
            var queue = await client.GetAsync("/Moderation/Queue");
            var log = await client.GetAsync("/Moderation/Log");
            Assert.Equal(moderates ? HttpStatusCode.OK : HttpStatusCode.Forbidden, queue.StatusCode);
            Assert.Equal(moderates ? HttpStatusCode.OK : HttpStatusCode.Forbidden, log.StatusCode);
            var queueHtml = await queue.Content.ReadAsStringAsync();
            var logHtml = await log.Content.ReadAsStringAsync();
            Assert.Equal(moderates && expected, queueHtml.Contains(World.BodyOf(label), StringComparison.Ordinal));
            Assert.Equal(moderates && expected, queueHtml.Contains(thread.Title, StringComparison.Ordinal));
            Assert.Equal(moderates && expected, logHtml.Contains(thread.Title, StringComparison.Ordinal));
            // Moderators and admins see every entry of their spaces; its reason only when they may read the thread.
            Assert.Equal(moderates && expected, logHtml.Contains(World.LogReasonOf(label), StringComparison.Ordinal));
            if (moderates && !expected)
            {
                // ...and the entry itself, by the thread's id, when they may not.
                Assert.Matches($@"thread #{thread.Id}\b", logHtml);
            }

            // The author's profile lists the post only to readers of its thread.
            var profile = await client.GetAsync($"/Members/{world.Author.Id}");
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            Assert.Equal(expected, (await profile.Content.ReadAsStringAsync()).Contains(thread.Title, StringComparison.Ordinal));

            // Flagging: not found when unreadable.
            var flag = await client.GetAsync($"/Moderation/Flag?postId={world.Posts[label].Id}");
            Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, flag.StatusCode);
        }
        else
        {
            // Profiles are for members: a stranger finds none.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Members/{world.Author.Id}")).StatusCode);

            // A stranger is sent to sign in, whatever the thread: the redirect discloses nothing.
            var quote = await world.Factory.CreateBrowser(followRedirects: false).GetAsync($"/Threads/Reply?threadId={thread.Id}&quotePostId={world.Posts[label].Id}");
            Assert.Equal(HttpStatusCode.Redirect, quote.StatusCode);
            Assert.Contains("/Accounts/SignIn", quote.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>One refusal rule for every page: 404 for what the viewer may not read, 403 for what they read but may not do.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Refusals_are_404_when_unreadable_and_403_when_readable_but_not_allowed(SensitivityLabel label, Kind kind)
    {
        await world.EnsureAsync();
        var readable = Reads[kind][(int)label];
        var thread = world.Threads[label];
        var moderates = kind is Kind.SpaceModerator or Kind.Admin;
        string[] urls =
        [
            $"/Moderation/Thread?threadId={thread.Id}", $"/Spaces/Members?spaceId={world.Space.Id}", $"/Threads/Edit?postId={world.Posts[label].Id}",
            $"/Threads/Title?threadId={thread.Id}",
        ];
        if (kind == Kind.Stranger)
        {
            var stranger = world.Factory.CreateBrowser(followRedirects: false);
            foreach (var url in urls)
            {
                var response = await stranger.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Accounts/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            }
            return;
        }
        var client = await world.ClientAsync(kind);
        var expected = new[]
        {
            !readable ? HttpStatusCode.NotFound : moderates ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            moderates ? HttpStatusCode.OK : HttpStatusCode.Forbidden, // the CLEAR space is visible to every viewer
            readable ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, // someone else's post
            !readable ? HttpStatusCode.NotFound : moderates ? HttpStatusCode.OK : HttpStatusCode.Forbidden, // someone else's thread's title
        };
        for (var i = 0; i < urls.Length; i++)
        {
            Assert.True(expected[i] == (await client.GetAsync(urls[i])).StatusCode, $"{urls[i]} for {kind} on {label}");
        }
    }

    [Theory]
    [InlineData(Kind.Stranger)]
    [InlineData(Kind.MemberNotInSpace)]
    public async Task Unknown_and_unreadable_threads_look_the_same(Kind kind)
    {
        await world.EnsureAsync();
        var client = await world.ClientAsync(kind);
        var redId = world.Threads[SensitivityLabel.Red].Id;
        var red = await client.GetAsync($"/Threads/{redId}");
        var missing = await client.GetAsync("/Threads/987654321");
        Assert.Equal(HttpStatusCode.NotFound, red.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The page links back to the address asked for (sign in, language), so the id itself is left out of the comparison.
        Assert.Equal(
            (await missing.Content.ReadAsStringAsync()).Replace("987654321", "", StringComparison.Ordinal).Length,
            (await red.Content.ReadAsStringAsync()).Replace($"Threads/{redId}", "Threads/", StringComparison.Ordinal)
                .Replace($"Threads%2F{redId}", "Threads%2F", StringComparison.Ordinal).Length);
    }

    [Fact]
    public async Task Space_list_shows_strangers_only_clear_spaces()
    {
        await world.EnsureAsync();
        var stranger = (await (await world.ClientAsync(Kind.Stranger)).GetAsync("/Spaces")).Content.ReadAsStringAsync();
        var member = (await (await world.ClientAsync(Kind.MemberNotInSpace)).GetAsync("/Spaces")).Content.ReadAsStringAsync();
        Assert.Contains(world.Space.Name, await stranger, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AmberSpace.Name, await stranger, StringComparison.Ordinal);
        Assert.Contains(world.AmberSpace.Name, await member, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await world.ClientAsync(Kind.Stranger)).GetAsync($"/Spaces/{world.AmberSpace.Slug}")).StatusCode);
    }

    public sealed class World : DialogueFactory
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private bool ready;
        private readonly Dictionary<Kind, DialogueUser> users = [];

        public DialogueFactory Factory => this;
        public Space Space { get; private set; } = null!;
        public Space AmberSpace { get; private set; } = null!;
        /// <summary>Wrote the first post of every thread.</summary>
        public DialogueUser Author { get; private set; } = null!;
        public Dictionary<SensitivityLabel, DiscussionThread> Threads { get; } = [];
        public Dictionary<SensitivityLabel, Post> Posts { get; } = [];

        /// <summary>The account playing a kind of viewer, for feature matrix tests that add their own content (a RED workshop's invitee, say).</summary>
        public DialogueUser User(Kind kind) => users[kind];

        public static string BodyOf(SensitivityLabel label) => $"secret-body-of-{label}-thread";
        public static string LogReasonOf(SensitivityLabel label) => $"log-reason-of-{label}-thread";

        public async Task<HttpClient> ClientAsync(Kind kind) =>
            kind == Kind.Stranger ? this.CreateBrowser() : await this.CreateSignedInBrowserAsync(users[kind]);

        public async Task EnsureAsync()
        {
            await gate.WaitAsync();
            try
            {
                if (ready)
                {
                    return;
                }
                Space = await this.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
                AmberSpace = await this.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
                users[Kind.MemberNotInSpace] = await CreateMemberAsync();
                users[Kind.SpaceMember] = await CreateMemberAsync();
                users[Kind.RedParticipant] = await CreateMemberAsync();
                users[Kind.SpaceModerator] = await CreateMemberAsync();
                users[Kind.Admin] = await this.AdminAsync();
                var author = Author = await CreateMemberAsync();
                await this.AddToSpaceAsync(Space.Id, author);
                await this.AddToSpaceAsync(Space.Id, users[Kind.SpaceMember]);
                await this.AddToSpaceAsync(Space.Id, users[Kind.RedParticipant]);
                await this.AddToSpaceAsync(Space.Id, users[Kind.SpaceModerator], SpaceRole.Moderator);
                foreach (var label in Enum.GetValues<SensitivityLabel>())
                {
                    var thread = await this.StartThreadAsync(Space.Id, author, label, ThreadsWorld.Unique($"Title-{label}"), BodyOf(label), users[Kind.RedParticipant]);
                    Threads[label] = thread;
                    Posts[label] = await this.FirstPostAsync(thread.Id);
                }
                await WithDbAsync(async db =>
                {
                    foreach (var label in Enum.GetValues<SensitivityLabel>())
                    {
                        db.Flags.Add(new Dialogue.Data.Moderation.Flag
                        {
                            PostId = Posts[label].Id,
                            FlaggedById = users[Kind.SpaceMember].Id,
                            Reason = Dialogue.Data.Moderation.FlagReason.OffTopic,
                            CreatedAt = Clock.GetUtcNow(),
                        });
                        db.ModerationLog.Add(new Dialogue.Data.Moderation.ModerationLogEntry
                        {
                            ActorId = users[Kind.SpaceModerator].Id,
                            At = Clock.GetUtcNow(),
                            Action = Dialogue.Data.Moderation.ModerationAction.PinThread,
                            SpaceId = Space.Id,
                            ThreadId = Threads[label].Id,
                            Reason = LogReasonOf(label),
                        });
                    }
                    foreach (var user in users.Values)
                    {
                        foreach (var label in Enum.GetValues<SensitivityLabel>())
                        {
                            db.Notifications.Add(new Notification
                            {
                                RecipientId = user.Id,
                                Kind = NotificationKind.Reply,
                                ThreadId = Threads[label].Id,
                                PostId = Posts[label].Id,
                                ActorId = author.Id,
                                CreatedAt = Clock.GetUtcNow(),
                            });
                        }
                    }
                    await db.SaveChangesAsync();
                });
                ready = true;
            }
            finally
            {
                gate.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                gate.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
