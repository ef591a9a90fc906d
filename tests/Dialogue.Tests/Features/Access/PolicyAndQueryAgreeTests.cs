using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Access;

/// <summary>
/// The read rule is written twice: <see cref="AccessPolicy"/> decides in memory, <see cref="Visible"/> filters in the
/// database. Over every label × moderation status × kind of account × membership, on a real database, both must give
/// the same answer; and the viewer built from a request must equal the one a job loads for the same person.
/// </summary>
public sealed class PolicyAndQueryAgreeTests(PolicyAndQueryAgreeTests.World world) : IClassFixture<PolicyAndQueryAgreeTests.World>
{
    public enum Account { PendingApproval, Suspended, Unconfirmed, Approved, SiteModerator, Admin, Author, RedParticipant }

    public enum Membership { None, Requested, Member, SpaceModerator }

    [Fact]
    public async Task Policy_and_queries_give_the_same_answer_for_every_label_status_viewer_and_membership()
    {
        await world.EnsureAsync();
        var checkedCount = 0;
        var readable = 0;
        await world.WithDbAsync(async db =>
        {
            var threads = await db.Threads.AsNoTracking().Where(t => t.SpaceId == world.SpaceId)
                .Select(t => new { t.Id, Facts = new { t.SpaceId, t.Label, t.AuthorId, t.Status, Participants = t.Participants.Select(p => p.UserId).ToList() } })
                .ToListAsync();
            var posts = await db.Posts.AsNoTracking().Where(p => p.Thread!.SpaceId == world.SpaceId)
                .Select(p => new { p.Id, p.ThreadId, p.AuthorId, p.Status, p.IsDeleted }).ToListAsync();
            var threadFacts = threads.ToDictionary(t => t.Id, t => new ThreadFacts(t.Facts.SpaceId, t.Facts.Label, t.Facts.AuthorId, t.Facts.Participants, t.Facts.Status));
            var viewers = new List<(string Name, Viewer Viewer)> { ("anonymous", Viewer.Anonymous) };
            var loaded = await ViewerLoader.ForUsersAsync(db, [.. world.Users.Values.Select(u => u.Id)], CancellationToken.None);
            viewers.AddRange(world.Users.Select(u => ($"{u.Key.Account}/{u.Key.Membership}", loaded[u.Value.Id])));

            foreach (var (name, viewer) in viewers)
            {
                var threadIds = (await db.Threads.AsNoTracking().Where(t => t.SpaceId == world.SpaceId).VisibleTo(viewer).Select(t => t.Id).ToListAsync()).ToHashSet();
                foreach (var (id, facts) in threadFacts)
                {
                    var policy = AccessPolicy.Can(viewer, facts, AccessAction.Read);
                    Assert.True(policy == threadIds.Contains(id), $"{name} on a {facts.Label} {facts.Status} thread: policy {policy}, query {!policy}");
                    checkedCount++;
                    readable += policy ? 1 : 0;
                }
                var postIds = (await db.Posts.AsNoTracking().Where(p => p.Thread!.SpaceId == world.SpaceId).VisibleTo(viewer).Select(p => p.Id).ToListAsync()).ToHashSet();
                // The thread page's form: the thread's part decided on its facts, the query carrying the posts' part.
                foreach (var (id, facts) in threadFacts)
                {
                    var inThread = await db.Posts.AsNoTracking().ReadableIn(id, facts, viewer).Select(p => p.Id).ToListAsync();
                    Assert.Equal(posts.Where(p => p.ThreadId == id && postIds.Contains(p.Id)).Select(p => p.Id).Order(), inThread.Order());
                }
                foreach (var post in posts)
                {
                    var facts = new PostFacts(threadFacts[post.ThreadId], post.AuthorId, post.Status, post.IsDeleted);
                    var policy = AccessPolicy.Can(viewer, facts, AccessAction.Read);
                    Assert.True(policy == postIds.Contains(post.Id),
                        $"{name} on a {facts.Status} post of a {facts.Thread.Label} {facts.Thread.Status} thread: policy {policy}, query {!policy}");
                    checkedCount++;
                    readable += policy ? 1 : 0;
                }
            }
        });
        var labels = Enum.GetValues<SensitivityLabel>().Length;
        var statuses = Enum.GetValues<PostStatus>().Length;
        var viewerCount = 1 + (Enum.GetValues<Account>().Length * Enum.GetValues<Membership>().Length);
        Assert.Equal(viewerCount * ((labels * statuses) + (labels * statuses * statuses)), checkedCount);
        Assert.InRange(readable, 1, checkedCount - 1);
    }

    [Fact]
    public async Task Request_viewer_and_loaded_viewer_agree_for_every_kind_of_account()
    {
        await world.EnsureAsync();
        foreach (var ((account, membership), user) in world.Users)
        {
            var (fromRequest, fromDatabase) = await world.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DialogueDbContext>();
                var stored = await sp.GetRequiredService<UserManager<DialogueUser>>().FindByIdAsync(user.Id);
                var principal = await sp.GetRequiredService<SignInManager<DialogueUser>>().CreateUserPrincipalAsync(stored!);
                var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } };
                return (await new CurrentViewer(http, db, sp.GetRequiredService<LocalWrites>()).GetAsync(), await ViewerLoader.ForUserAsync(db, user.Id, CancellationToken.None));
            });
            var what = $"{account}/{membership}";
            Assert.True(fromRequest.IsApproved == fromDatabase.IsApproved, $"{what}: approved {fromRequest.IsApproved} in a request, {fromDatabase.IsApproved} in a job");
            Assert.Equal(account is not (Account.PendingApproval or Account.Suspended or Account.Unconfirmed), fromRequest.IsApproved);
            Assert.Equal(fromDatabase.IsAdmin, fromRequest.IsAdmin);
            Assert.Equal(fromDatabase.IsSiteModerator, fromRequest.IsSiteModerator);
            Assert.Equal(fromDatabase.MemberSpaceIds().Order(), fromRequest.MemberSpaceIds().Order());
            Assert.Equal(fromDatabase.ModeratedSpaceIds().Order(), fromRequest.ModeratedSpaceIds().Order());
        }
    }

    public sealed class World : DialogueFactory
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private bool ready;

        public long SpaceId { get; private set; }
        public Dictionary<(Account Account, Membership Membership), DialogueUser> Users { get; } = [];

        public async Task EnsureAsync()
        {
            await gate.WaitAsync();
            try
            {
                if (!ready)
                {
                    await SeedAsync();
                    ready = true;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task SeedAsync()
        {
            SpaceId = (await this.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed)).Id;
            foreach (var account in Enum.GetValues<Account>())
            {
                foreach (var membership in Enum.GetValues<Membership>())
                {
                    var roles = account switch { Account.SiteModerator => new[] { Roles.Moderator }, Account.Admin => [Roles.Admin], _ => [] };
                    var user = await CreateMemberAsync(null, roles);
                    Users[(account, membership)] = user;
                    if (membership != Membership.None)
                    {
                        await this.AddToSpaceAsync(SpaceId, user, membership == Membership.SpaceModerator ? SpaceRole.Moderator : SpaceRole.Member,
                            membership == Membership.Requested ? SpaceMemberStatus.Requested : SpaceMemberStatus.Active);
                    }
                }
            }
            await WithDbAsync(async db =>
            {
                foreach (var ((account, _), user) in Users)
                {
                    var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
                    stored.Status = account switch
                    {
                        Account.PendingApproval => AccountStatus.PendingApproval,
                        Account.Suspended => AccountStatus.Suspended,
                        _ => AccountStatus.Active,
                    };
                    stored.EmailConfirmed = account != Account.Unconfirmed;
                }
                // Every author kind writes: the author of every thread and post is one user per membership, and each
                // RED thread names every RED-participant user (member or not) as a participant.
                var authors = Users.Where(u => u.Key.Account == Account.Author).Select(u => u.Value.Id).ToArray();
                var participants = Users.Where(u => u.Key.Account == Account.RedParticipant).Select(u => u.Value.Id).ToArray();
                var now = Clock.GetUtcNow();
                var n = 0;
                foreach (var label in Enum.GetValues<SensitivityLabel>())
                {
                    foreach (var threadStatus in Enum.GetValues<PostStatus>())
                    {
                        var author = authors[n++ % authors.Length];
                        var thread = new DiscussionThread
                        {
                            SpaceId = SpaceId,
                            Title = $"{label} {threadStatus}",
                            Label = label,
                            AuthorId = author,
                            CreatedAt = now,
                            LastActivityAt = now,
                            Status = threadStatus,
                            Participants = label == SensitivityLabel.Red
                                ? [.. participants.Append(author).Select(p => new ThreadParticipant { UserId = p, AddedAt = now })]
                                : [],
                        };
                        var number = 0;
                        foreach (var postStatus in Enum.GetValues<PostStatus>())
                        {
                            thread.Posts.Add(new Post
                            {
                                Number = ++number,
                                AuthorId = authors[(n + number) % authors.Length],
                                Source = "words",
                                PlainText = "words",
                                Html = "<p>words</p>",
                                CreatedAt = now,
                                Status = postStatus,
                                IsDeleted = postStatus == PostStatus.Deleted,
                            });
                        }
                        thread.PostCount = number;
                        db.Threads.Add(thread);
                    }
                }
                await db.SaveChangesAsync();
            });
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
