using System.Net;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Accounts;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Features.Email;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Privacy.AccessReviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy.AccessReviews;

public sealed class AccessReviewTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static readonly TimeSpan PastInterval = TimeSpan.FromDays(91);
    private static readonly TimeSpan PastGrace = TimeSpan.FromDays(15);

    private Task<AccessReviewJob.Outcome> RunJobAsync() => RunJobAsync(factory);

    private static Task<AccessReviewJob.Outcome> RunJobAsync(DialogueFactory app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AccessReviewJob>().RunAsync(CancellationToken.None));

    private sealed record World(Space Space, DialogueUser Moderator, DialogueUser Kept, DialogueUser Dropped, DialogueUser Forgotten);

    private static async Task<World> SpaceWithMembersAsync(DialogueFactory app, SensitivityLabel label)
    {
        var space = await app.CreateSpaceAsync(label, SpaceJoinPolicy.Closed);
        var world = new World(space, await app.CreateMemberAsync(), await app.CreateMemberAsync(), await app.CreateMemberAsync(), await app.CreateMemberAsync());
        await app.AddToSpaceAsync(space.Id, world.Moderator, SpaceRole.Moderator);
        foreach (var member in new[] { world.Kept, world.Dropped, world.Forgotten })
        {
            await app.AddToSpaceAsync(space.Id, member);
        }
        return world;
    }

    private Task<List<AccessReview>> ReviewsOfAsync(long spaceId, long? threadId = null) =>
        factory.WithDbAsync(db => db.AccessReviews.AsNoTracking().Include(r => r.Items)
            .Where(r => r.SpaceId == spaceId && r.ThreadId == threadId).ToListAsync());

    private Task<bool> IsMemberAsync(long spaceId, DialogueUser user) =>
        factory.WithDbAsync(db => db.SpaceMembers.AnyAsync(m => m.SpaceId == spaceId && m.UserId == user.Id && m.Status == SpaceMemberStatus.Active));

    [Fact]
    public async Task The_job_opens_one_review_per_due_space_and_emails_its_moderator_once_even_when_run_twice_or_on_two_nodes()
    {
        var world = await SpaceWithMembersAsync(factory, SensitivityLabel.Amber);
        factory.Clock.Advance(TimeSpan.FromDays(89));
        await RunJobAsync();
        Assert.Empty(await ReviewsOfAsync(world.Space.Id));

        factory.Clock.Advance(TimeSpan.FromDays(2));
        // Two nodes at once (each its own scope and connection), then a late retry.
        await Task.WhenAll(RunJobAsync(), RunJobAsync());
        await RunJobAsync();

        var review = Assert.Single(await ReviewsOfAsync(world.Space.Id));
        Assert.Null(review.ClosedAt);
        Assert.Equal(review.OpenedAt.AddDays(14), review.LapsesAt);
        Assert.Equal(
            new[] { world.Moderator.Id, world.Kept.Id, world.Dropped.Id, world.Forgotten.Id }.Order(StringComparer.Ordinal),
            review.Items.Select(i => i.UserId).Order(StringComparer.Ordinal));
        Assert.All(review.Items, i => Assert.Equal(AccessReviewDecision.Pending, i.Decision));
        var mail = Assert.Single(await factory.OutboxToAsync(world.Moderator.Email!), m => m.Kind == AccessReviewJob.OpenedEmailKind);
        Assert.Contains("[TLP:AMBER]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(world.Space.Name, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/Privacy/AccessReview?spaceId={world.Space.Id}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Kept.DisplayName, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(world.Kept.Email!));
    }

    [Fact]
    public async Task A_strict_spaces_review_email_does_not_name_the_space()
    {
        var world = await SpaceWithMembersAsync(factory, SensitivityLabel.AmberStrict);
        factory.Clock.Advance(PastInterval);
        await RunJobAsync();

        var mail = Assert.Single(await factory.OutboxToAsync(world.Moderator.Email!), m => m.Kind == AccessReviewJob.OpenedEmailKind);
        Assert.StartsWith("[TLP:AMBER+STRICT]", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Space.Name, mail.Subject + mail.HtmlBody + mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear)]
    [InlineData(SensitivityLabel.Green)]
    public async Task A_clear_or_green_space_gets_no_review(SensitivityLabel label)
    {
        var world = await SpaceWithMembersAsync(factory, label);
        factory.Clock.Advance(PastInterval * 2);
        await RunJobAsync();

        Assert.Empty(await ReviewsOfAsync(world.Space.Id));
        Assert.DoesNotContain(await factory.OutboxToAsync(world.Moderator.Email!), m => m.Kind == AccessReviewJob.OpenedEmailKind);
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"/Privacy/AccessReview?spaceId={world.Space.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_space_moderator_confirms_one_by_one_removes_a_member_and_confirms_the_rest_which_closes_the_review()
    {
        var world = await SpaceWithMembersAsync(factory, SensitivityLabel.Amber);
        factory.Clock.Advance(PastInterval);
        await RunJobAsync();
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        var url = $"/Privacy/AccessReview?spaceId={world.Space.Id}";

        // The header's Review menu leads to the review.
        var home = await moderator.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector($".staff-work a[href='{url}']"));

        var page = await moderator.GetPageAsync(url);
        Assert.Equal(4, page.QuerySelectorAll(".access-review-table tbody tr").Length);
        Assert.Contains(world.Forgotten.DisplayName, page.QuerySelector(".access-review-table")!.TextContent, StringComparison.Ordinal);

        await moderator.SubmitAsync(page, url, new Dictionary<string, string> { ["userId"] = world.Kept.Id },
            formSelector: $"#confirm-{world.Kept.Id}");
        page = await moderator.GetPageAsync(url);
        await moderator.SubmitAsync(page, url, new Dictionary<string, string> { ["userId"] = world.Dropped.Id },
            formSelector: $"#remove-{world.Dropped.Id}");
        Assert.False(await IsMemberAsync(world.Space.Id, world.Dropped));

        page = await moderator.GetPageAsync(url);
        await moderator.SubmitAsync(page, url, new Dictionary<string, string>(), formSelector: "#confirm-all");

        var review = Assert.Single(await ReviewsOfAsync(world.Space.Id));
        Assert.NotNull(review.ClosedAt);
        var decisions = review.Items.ToDictionary(i => i.UserId, i => i.Decision);
        Assert.Equal(AccessReviewDecision.Confirmed, decisions[world.Kept.Id]);
        Assert.Equal(AccessReviewDecision.Removed, decisions[world.Dropped.Id]);
        Assert.Equal(AccessReviewDecision.Confirmed, decisions[world.Forgotten.Id]);
        Assert.Equal(AccessReviewDecision.Confirmed, decisions[world.Moderator.Id]);
        Assert.All(review.Items, i => Assert.Equal(world.Moderator.Id, i.DecidedById));
        Assert.True(await IsMemberAsync(world.Space.Id, world.Kept));
        Assert.True(await IsMemberAsync(world.Space.Id, world.Forgotten));

        var log = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.SpaceId == world.Space.Id).ToListAsync());
        Assert.Contains(log, e => e.Action == ModerationAction.OpenAccessReview && e.ActorId == null);
        Assert.Contains(log, e => e.Action == ModerationAction.ConfirmAccess && e.TargetUserId == world.Kept.Id && e.ActorId == world.Moderator.Id);
        Assert.Contains(log, e => e.Action == ModerationAction.RemoveAfterReview && e.TargetUserId == world.Dropped.Id);
        Assert.Contains(log, e => e.Action == ModerationAction.ConfirmAccess && e.TargetUserId == null && e.Details == "2 confirmed");

        // Closed: the badge lets go of it, and the page says when the next one is due.
        Assert.Null((await moderator.GetPageAsync("/")).QuerySelector($".staff-work a[href='{url}']"));
        Assert.Null((await moderator.GetPageAsync(url)).QuerySelector(".access-review-table"));
    }

    [Fact]
    public async Task Members_left_unconfirmed_lapse_after_the_grace_period_once_and_are_told_and_it_is_logged()
    {
        var world = await SpaceWithMembersAsync(factory, SensitivityLabel.Amber);
        factory.Clock.Advance(PastInterval);
        await RunJobAsync();
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        var url = $"/Privacy/AccessReview?spaceId={world.Space.Id}";
        foreach (var confirmed in new[] { world.Moderator, world.Kept })
        {
            await moderator.SubmitAsync(await moderator.GetPageAsync(url), url, new Dictionary<string, string> { ["userId"] = confirmed.Id },
                formSelector: $"#confirm-{confirmed.Id}");
        }
        // Forgotten leaves on their own before the review ends: nothing lapses for them and they are not told.
        await factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == world.Space.Id && m.UserId == world.Forgotten.Id).ExecuteDeleteAsync());

        factory.Clock.Advance(TimeSpan.FromDays(13));
        await RunJobAsync();
        Assert.True(await IsMemberAsync(world.Space.Id, world.Dropped));

        factory.Clock.Advance(TimeSpan.FromDays(2));
        await Task.WhenAll(RunJobAsync(), RunJobAsync());
        await RunJobAsync();

        Assert.False(await IsMemberAsync(world.Space.Id, world.Dropped));
        Assert.True(await IsMemberAsync(world.Space.Id, world.Kept));
        var review = Assert.Single(await ReviewsOfAsync(world.Space.Id));
        Assert.NotNull(review.ClosedAt);
        var decisions = review.Items.ToDictionary(i => i.UserId, i => i.Decision);
        Assert.Equal(AccessReviewDecision.Lapsed, decisions[world.Dropped.Id]);
        Assert.Equal(AccessReviewDecision.Gone, decisions[world.Forgotten.Id]);

        var lapsedMail = Assert.Single(await factory.OutboxToAsync(world.Dropped.Email!));
        Assert.Equal(AccessReviewJob.LapsedEmailKind, lapsedMail.Kind);
        Assert.Contains(world.Space.Name, lapsedMail.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(world.Forgotten.Email!));

        var told = await factory.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.AccessReviewLapsed && (n.RecipientId == world.Dropped.Id || n.RecipientId == world.Forgotten.Id)).ToListAsync());
        Assert.Equal(world.Dropped.Id, Assert.Single(told).RecipientId);
        var notifications = await (await factory.CreateSignedInBrowserAsync(world.Dropped)).GetPageAsync("/Threads/Notifications");
        Assert.Contains($"Your membership of {world.Space.Name} ended", notifications.QuerySelector(".notifications")!.TextContent, StringComparison.Ordinal);

        var lapses = await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking()
            .Where(e => e.SpaceId == world.Space.Id && e.Action == ModerationAction.AccessLapsed).ToListAsync());
        Assert.Equal(world.Dropped.Id, Assert.Single(lapses).TargetUserId);

        // The next round comes an interval after this one opened.
        factory.Clock.Advance(TimeSpan.FromDays(76));
        await RunJobAsync();
        Assert.Equal(2, (await ReviewsOfAsync(world.Space.Id)).Count);
    }

    [Fact]
    public async Task A_closed_space_with_members_and_no_moderator_is_reviewed_by_the_sites_admins()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var member = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, other);
        var admin = await factory.AdminAsync();
        factory.Clock.Advance(PastInterval);
        await RunJobAsync();

        var review = Assert.Single(await ReviewsOfAsync(space.Id));
        Assert.Equal(new[] { member.Id, other.Id }.Order(StringComparer.Ordinal), review.Items.Select(i => i.UserId).Order(StringComparer.Ordinal));
        var url = $"/Privacy/AccessReview?spaceId={space.Id}";
        var mail = Assert.Single(await factory.OutboxToAsync(admin.Email!), m => m.Kind == AccessReviewJob.OpenedEmailKind && m.HtmlBody.Contains(url, StringComparison.Ordinal));
        Assert.StartsWith("[TLP:AMBER]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("a space that has no moderator", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(member.DisplayName, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(member.Email!));
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(member)).GetAsync(url)).StatusCode);

        var browser = await factory.CreateSignedInBrowserAsync(admin);
        Assert.NotNull((await browser.GetPageAsync("/")).QuerySelector($".staff-work a[href='{url}']"));
        var page = await browser.GetPageAsync(url);
        Assert.Contains("has no moderator, so the site's admins review", page.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll(".access-review-table tbody tr").Length);
        await browser.SubmitAsync(page, url, new Dictionary<string, string> { ["userId"] = other.Id }, formSelector: $"#remove-{other.Id}");
        await browser.SubmitAsync(await browser.GetPageAsync(url), url, new Dictionary<string, string> { ["userId"] = member.Id }, formSelector: $"#confirm-{member.Id}");

        review = Assert.Single(await ReviewsOfAsync(space.Id));
        Assert.NotNull(review.ClosedAt);
        Assert.All(review.Items, i => Assert.Equal(admin.Id, i.DecidedById));
        Assert.True(await IsMemberAsync(space.Id, member));
        Assert.False(await IsMemberAsync(space.Id, other));

        // Once the space has a moderator, its review is theirs again and the admin no longer reaches it.
        await factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == space.Id && m.UserId == member.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Role, SpaceRole.Moderator)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_red_threads_participants_are_reviewed_by_its_starter_and_a_lapsed_participant_can_no_longer_read_it()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        var starter = await factory.CreateMemberAsync();
        var kept = await factory.CreateMemberAsync();
        var lapsing = await factory.CreateMemberAsync();
        var bystander = await factory.CreateMemberAsync();
        foreach (var member in new[] { starter, kept, lapsing, bystander })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        var thread = await factory.StartThreadAsync(space.Id, starter, SensitivityLabel.Red, ThreadsWorld.Unique("Closed session"), "Off the record.", kept, lapsing);
        factory.Clock.Advance(PastInterval);
        await Task.WhenAll(RunJobAsync(), RunJobAsync());

        Assert.Empty(await ReviewsOfAsync(space.Id));
        var review = Assert.Single(await ReviewsOfAsync(space.Id, thread.Id));
        Assert.Equal(new[] { kept.Id, lapsing.Id }.Order(StringComparer.Ordinal), review.Items.Select(i => i.UserId).Order(StringComparer.Ordinal));
        var mail = Assert.Single(await factory.OutboxToAsync(starter.Email!), m => m.Kind == AccessReviewJob.OpenedEmailKind);
        Assert.StartsWith("[TLP:RED]", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(thread.Title, mail.Subject + mail.HtmlBody + mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(space.Name, mail.Subject + mail.HtmlBody + mail.TextBody, StringComparison.Ordinal);

        var url = $"/Privacy/AccessReview?threadId={thread.Id}";
        foreach (var other in new[] { kept, bystander })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(other)).GetAsync(url)).StatusCode);
        }
        var client = await factory.CreateSignedInBrowserAsync(starter);
        Assert.NotNull((await client.GetPageAsync($"/Threads/{thread.Id}")).QuerySelector($"a[href='{url}']"));
        await client.SubmitAsync(await client.GetPageAsync(url), url, new Dictionary<string, string> { ["userId"] = kept.Id },
            formSelector: $"#confirm-{kept.Id}");

        factory.Clock.Advance(PastGrace);
        await RunJobAsync();

        var participants = await factory.WithDbAsync(db => db.ThreadParticipants.Where(p => p.ThreadId == thread.Id).Select(p => p.UserId).ToListAsync());
        Assert.Equal(new[] { starter.Id, kept.Id }.Order(StringComparer.Ordinal), participants.Order(StringComparer.Ordinal));
        Assert.True(await IsMemberAsync(space.Id, lapsing), "a thread review ends participation in the thread, not membership of the space");
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.CreateSignedInBrowserAsync(lapsing)).GetAsync($"/Threads/{thread.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateSignedInBrowserAsync(kept)).GetAsync($"/Threads/{thread.Id}")).StatusCode);
        var lapsedMail = Assert.Single(await factory.OutboxToAsync(lapsing.Email!));
        Assert.DoesNotContain(thread.Title, lapsedMail.Subject + lapsedMail.HtmlBody + lapsedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains(await factory.WithDbAsync(db => db.ModerationLog.AsNoTracking().Where(e => e.ThreadId == thread.Id).ToListAsync()),
            e => e.Action == ModerationAction.AccessLapsed && e.TargetUserId == lapsing.Id);
    }

    [Fact]
    public async Task A_moderator_sets_the_spaces_interval_and_a_bad_value_gets_a_clear_message_and_changes_nothing()
    {
        var world = await SpaceWithMembersAsync(factory, SensitivityLabel.Amber);
        var moderator = await factory.CreateSignedInBrowserAsync(world.Moderator);
        var url = $"/Privacy/AccessReview?spaceId={world.Space.Id}";
        foreach (var bad in new[] { "3", "ninety", "4000", "30.5" })
        {
            var refused = await (await moderator.SubmitAsync(url, new Dictionary<string, string> { ["Days"] = bad }, formSelector: "form[action*='handler=Interval']")).ReadPageAsync();
            Assert.Contains("Enter a whole number of days from 7 to 3650", refused.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        }
        Assert.False(await factory.WithDbAsync(db => db.AccessReviewIntervals.AnyAsync(i => i.SpaceId == world.Space.Id)));

        await moderator.SubmitAsync(url, new Dictionary<string, string> { ["Days"] = "30" }, formSelector: "form[action*='handler=Interval']");
        Assert.Equal(30, await factory.WithDbAsync(db => db.AccessReviewIntervals.Where(i => i.SpaceId == world.Space.Id).Select(i => i.Days).SingleAsync()));

        factory.Clock.Advance(TimeSpan.FromDays(31));
        await RunJobAsync();
        Assert.Single(await ReviewsOfAsync(world.Space.Id));
    }

    [Fact]
    public async Task The_lapse_email_reaches_the_member_through_a_real_mail_server_naming_an_amber_space_and_nobody_else()
    {
        await using var smtp = new SmtpFactory(MailDev.SmtpPort);
        var world = await SpaceWithMembersAsync(smtp, SensitivityLabel.Amber);
        smtp.Clock.Advance(PastInterval);
        await RunJobAsync(smtp);
        smtp.Clock.Advance(PastGrace);
        await RunJobAsync(smtp);
        await smtp.SendOutboxAsync();

        var email = Assert.Single(await MailDev.ToAsync(world.Dropped.Email!));
        var everything = DigestMail.Everything(await MailDev.RawAsync(email.Id));
        Assert.Contains("[TLP:AMBER]", everything, StringComparison.Ordinal);
        Assert.Contains(world.Space.Name, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Moderator.DisplayName, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Kept.DisplayName, everything, StringComparison.Ordinal);
    }
}
