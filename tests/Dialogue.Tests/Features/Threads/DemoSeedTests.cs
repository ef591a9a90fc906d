using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Threads;

public sealed class DemoSeedTests(DemoSeedTests.SeededFactory factory) : IClassFixture<DemoSeedTests.SeededFactory>
{
    public sealed class SeededFactory : DialogueFactory
    {
        public SeededFactory()
        {
            Settings["Demo:Seed"] = "true";
            // The default review rule, so the newcomer's first reply is held as on a real demo site.
            Settings["Moderation:FirstPostsToReview"] = "2";
        }
    }

    [Fact]
    public async Task Visitor_sees_the_public_spaces_and_the_long_thread_but_not_the_closed_spaces()
    {
        var stranger = factory.CreateBrowser();
        var spaces = (await stranger.GetPageAsync("/Spaces")).QuerySelector("main")!.TextContent;
        Assert.Contains("Open research", spaces, StringComparison.Ordinal);
        Assert.Contains("中文交流", spaces, StringComparison.Ordinal);
        Assert.DoesNotContain("Frontier evaluations", spaces, StringComparison.Ordinal);
        Assert.DoesNotContain("Track-two dialogue", spaces, StringComparison.Ordinal);

        var open = (await stranger.GetPageAsync("/Spaces/open-research")).QuerySelector(".thread-list")!.TextContent;
        Assert.Contains(DemoContent.LongThreadTitle, open, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/Spaces/frontier-evaluations")).StatusCode);
    }

    [Fact]
    public async Task Every_role_is_held_by_an_active_demo_account_and_one_account_awaits_approval()
    {
        var holders = await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            var result = new Dictionary<string, int>();
            foreach (var role in Roles.All)
            {
                result[role] = (await users.GetUsersInRoleAsync(role))
                    .Count(u => u.Status == AccountStatus.Active && u.Email!.EndsWith("@" + DemoContent.Domain, StringComparison.Ordinal));
            }
            return result;
        });
        Assert.All(Roles.All, role => Assert.True(holders[role] > 0, $"Nobody holds {role}."));
        Assert.True(holders[Roles.Member] >= 12);

        var (spaceModerators, pending, zones) = await factory.WithDbAsync(async db => (
            await db.SpaceMembers.CountAsync(m => m.Role == SpaceRole.Moderator && m.Status == SpaceMemberStatus.Active),
            await db.Users.CountAsync(u => u.Status == AccountStatus.PendingApproval),
            await db.Users.Select(u => u.TimeZoneId).Distinct().ToListAsync()));
        Assert.True(spaceModerators > 0);
        Assert.Equal(1, pending);
        Assert.Contains(zones, z => z.StartsWith("Europe/", StringComparison.Ordinal));
        Assert.Contains(zones, z => z.StartsWith("Asia/", StringComparison.Ordinal));
        Assert.Contains(zones, z => z.StartsWith("America/", StringComparison.Ordinal));
        Assert.Contains(zones, z => z.StartsWith("Africa/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Six_spaces_cover_every_label_and_forty_threads_span_weeks_with_consistent_activity()
    {
        await factory.WithDbAsync(async db =>
        {
            var labels = await db.Spaces.Select(s => s.DefaultLabel).ToListAsync();
            Assert.Equal(6, labels.Count);
            Assert.Equal(Enum.GetValues<SensitivityLabel>().Order(), labels.Distinct().Order());

            var threads = await db.Threads
                .Select(t => new
                {
                    t.Title,
                    t.Label,
                    t.CreatedAt,
                    t.LastActivityAt,
                    t.PostCount,
                    Posts = t.Posts.Count,
                    Participants = t.Participants.Count,
                    FirstPost = t.Posts.Where(p => p.Number == 1).Select(p => p.CreatedAt).Single(),
                    LastPost = t.Posts.OrderByDescending(p => p.Number).Select(p => p.CreatedAt).First(),
                })
                .ToListAsync();
            var now = factory.Clock.GetUtcNow();
            Assert.True(threads.Count >= 40, $"{threads.Count} threads");
            Assert.Contains(threads, t => t.Posts >= 60 && t.PostCount == t.Posts);
            Assert.Contains(threads, t => t.Label == SensitivityLabel.Red && t.Participants >= 2);
            Assert.All(threads, t =>
            {
                Assert.Equal(t.FirstPost, t.CreatedAt);
                Assert.Equal(t.LastPost, t.LastActivityAt);
                Assert.True(t.LastActivityAt < now, t.Title);
            });
            Assert.Contains(threads, t => t.CreatedAt < now.AddDays(-20));
            Assert.Contains(threads, t => t.LastActivityAt > now.AddDays(-1));
        });
    }

    [Fact]
    public async Task Posts_carry_quotes_mentions_code_and_chinese_rendered_by_the_app()
    {
        await factory.WithDbAsync(async db =>
        {
            Assert.True(await db.Posts.CountAsync(p => p.QuotedPostId != null) >= 10);
            Assert.True(await db.Posts.CountAsync(p => p.Html.Contains("data-mention")) >= 5);
            Assert.True(await db.Posts.CountAsync(p => p.Html.Contains("<pre")) >= 3);
            Assert.True(await db.Posts.CountAsync(p => p.PlainText.Contains("对齐")) >= 2);
            Assert.False(await db.Posts.AnyAsync(p => p.PlainText.Contains("[quote=") || p.PlainText.Contains("```")));
        });
    }

    [Fact]
    public async Task Staff_find_a_held_post_an_open_flag_a_join_request_and_readers_find_subscriptions_and_unread_notifications()
    {
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Posts.CountAsync(p => p.Status == PostStatus.Pending));
            Assert.Equal(1, await db.Flags.CountAsync(f => f.ResolvedAt == null));
            Assert.Equal(1, await db.SpaceMembers.CountAsync(m => m.Status == SpaceMemberStatus.Requested));
            Assert.True(await db.DigestSubscriptions.CountAsync(s => s.Frequency != DigestFrequency.Off) >= 2);
            Assert.Equal(1, await db.PublicSubscribers.CountAsync(s => s.ConfirmedAt != null && s.UnsubscribedAt == null));
            var unreadRecipients = await db.Notifications.Where(n => n.ReadAt == null).Select(n => n.RecipientId).Distinct().CountAsync();
            Assert.True(unreadRecipients >= 3, $"{unreadRecipients} members with unread notifications");
        });
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        async Task<(int Users, int Spaces, int Threads, int Posts)> CountAsync() => await factory.WithDbAsync(async db =>
            (await db.Users.CountAsync(), await db.Spaces.CountAsync(), await db.Threads.CountAsync(), await db.Posts.CountAsync()));
        var before = await CountAsync();

        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DemoSeeder>().SeedIfAskedAsync(CancellationToken.None);
            return true;
        });

        Assert.Equal(before, await CountAsync());
    }
}
