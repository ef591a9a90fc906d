using System.Globalization;
using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Site;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Moderation;

public sealed class StaffWorkNotificationTests(StaffWorkNotificationTests.StaffFactory factory) : IClassFixture<StaffWorkNotificationTests.StaffFactory>
{
    public sealed class StaffFactory : DialogueFactory
    {
        public StaffFactory() => Settings["Moderation:FirstPostsToReview"] = "2";
    }

    private Task<List<NotificationKind>> KindsAsync(DialogueUser recipient, long? threadId = null, long? spaceId = null, string? actorId = null) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == recipient.Id
                && (threadId == null || n.ThreadId == threadId) && (spaceId == null || n.SpaceId == spaceId) && (actorId == null || n.ActorId == actorId))
            .Select(n => n.Kind).ToListAsync());

    private async Task<List<string>> AdminSubjectsAsync(string containing)
    {
        var admin = await factory.AdminAsync();
        return [.. (await factory.OutboxToAsync(admin.Email!))
            .Where(m => m.Kind == StaffNotifier.EmailKind && (m.Subject.Contains(containing, StringComparison.Ordinal) || m.HtmlBody.Contains(containing, StringComparison.Ordinal)))
            .Select(m => m.Subject)];
    }

    [Fact]
    public async Task A_held_post_notifies_the_space_moderator_and_the_admin_and_emails_only_the_admin_with_the_label_marker()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var newcomer = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        var bystander = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, bystander);
        var title = ThreadsWorld.Unique("Held");

        var thread = await factory.StartThreadAsync(space.Id, newcomer, SensitivityLabel.Green, title, "My first words here.");

        Assert.Equal(PostStatus.Pending, thread.Status);
        Assert.Equal([NotificationKind.PostHeld], await KindsAsync(moderator, thread.Id));
        Assert.Equal([NotificationKind.PostHeld], await KindsAsync(await factory.AdminAsync(), thread.Id));
        Assert.Empty(await KindsAsync(bystander, thread.Id));
        Assert.Empty(await KindsAsync(newcomer, thread.Id));
        Assert.Equal([$"[TLP:GREEN] A post in “{title}” waits for review"], await AdminSubjectsAsync(title));
        Assert.DoesNotContain(await factory.OutboxToAsync(moderator.Email!), m => m.Kind == StaffNotifier.EmailKind);

        var notifications = await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Threads/Notifications");
        var link = notifications.QuerySelectorAll(".notifications a").Single(a => a.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal("/Moderation/Queue", link.GetAttribute("href"));
        Assert.Contains($"A post by {newcomer.DisplayName} in “{title}” waits for your review", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_who_may_not_read_a_red_thread_is_not_told_of_its_held_post_and_the_admin_email_names_nothing()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Red);
        var newcomer = await factory.CreateMemberAsync();
        var participant = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        var admin = await factory.AdminAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        await factory.AddToSpaceAsync(space.Id, participant, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, outsider, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, admin);
        var title = ThreadsWorld.Unique("Red held");

        var thread = await factory.StartThreadAsync(space.Id, newcomer, SensitivityLabel.Red, title, "Sensitive words.", participant, admin);

        Assert.Equal([NotificationKind.PostHeld], await KindsAsync(participant, thread.Id));
        Assert.Empty(await KindsAsync(outsider, thread.Id));
        var email = Assert.Single(await factory.OutboxToAsync(admin.Email!), m => m.Kind == StaffNotifier.EmailKind && m.Subject.StartsWith("[TLP:RED]", StringComparison.Ordinal));
        Assert.Equal("[TLP:RED] A post in a restricted thread waits for review", email.Subject);
        Assert.Contains("A post in a restricted thread waits for your review.", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(newcomer.DisplayName, email.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(await AdminSubjectsAsync(title));
    }

    [Fact]
    public async Task Flags_tell_the_moderators_once_while_the_notice_is_unread()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique("Flagged");
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "opening");
        await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Approved)));
        await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, PostStatus.Approved)));
        await factory.WithDbAsync(db => db.Notifications.Where(n => n.ThreadId == thread.Id).ExecuteDeleteAsync());
        var post = await factory.FirstPostAsync(thread.Id);

        for (var i = 0; i < 2; i++)
        {
            var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
            var response = await reader.SubmitAsync($"/Moderation/Flag?postId={post.Id}", new Dictionary<string, string> { ["Data.Reason"] = "OffTopic" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal([NotificationKind.PostFlagged], await KindsAsync(moderator, thread.Id));
        Assert.Empty(await KindsAsync(author, thread.Id));
        // The author is new, so their thread was held first; the flags add exactly one message.
        Assert.Equal([$"[TLP:GREEN] A post in “{title}” was flagged"], (await AdminSubjectsAsync(title)).Where(s => s.EndsWith("flagged", StringComparison.Ordinal)));
        var link = (await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Threads/Notifications"))
            .QuerySelectorAll(".notifications a").Single(a => a.TextContent.Contains(title, StringComparison.Ordinal));
        Assert.Equal("/Moderation/Queue#flags", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_join_request_tells_the_space_moderator_and_the_admin_but_not_other_moderators()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, policy: SpaceJoinPolicy.Closed);
        var other = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var moderator = await factory.CreateMemberAsync();
        var elsewhere = await factory.CreateMemberAsync();
        var requester = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(other.Id, elsewhere, SpaceRole.Moderator);

        var browser = await factory.CreateSignedInBrowserAsync(requester);
        var response = await browser.SubmitAsync($"/Spaces/{space.Slug}", new Dictionary<string, string>(), "form[action*='handler=Request']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal([NotificationKind.JoinRequested], await KindsAsync(moderator, spaceId: space.Id));
        Assert.Equal([NotificationKind.JoinRequested], await KindsAsync(await factory.AdminAsync(), spaceId: space.Id, actorId: requester.Id));
        Assert.Empty(await KindsAsync(elsewhere, spaceId: space.Id));
        Assert.Equal([$"[TLP:AMBER] {requester.DisplayName} asks to join {space.Name}"], await AdminSubjectsAsync(requester.DisplayName));
        var link = (await (await factory.CreateSignedInBrowserAsync(moderator)).GetPageAsync("/Threads/Notifications"))
            .QuerySelectorAll(".notifications a").Single(a => a.TextContent.Contains(requester.DisplayName, StringComparison.Ordinal));
        Assert.Equal($"/Spaces/Members?spaceId={space.Id}", link.GetAttribute("href"));
        Assert.Contains($"asks to join {space.Name}", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_awaiting_approval_tells_the_admins_in_app_and_by_email()
    {
        await SetRegistrationModeAsync(RegistrationMode.ApprovalRequired);
        try
        {
            var name = ThreadsWorld.Unique("Newcomer");
            var outcome = await factory.WithScopeAsync(sp => sp.GetRequiredService<RegisterModel.Handler>().Handle(new RegisterModel.Command
            {
                DisplayName = name,
                Email = $"{Guid.NewGuid():N}@test.dialogue",
                Password = DialogueFactory.Password,
                ConfirmPassword = DialogueFactory.Password,
                TimeZone = "UTC",
            }, null, CultureInfo.GetCultureInfo("en"), CancellationToken.None));
            Assert.True(outcome.Pending);
            Assert.Empty(outcome.Errors);
            var newcomerId = await factory.WithDbAsync(db => db.Users.Where(u => u.DisplayName == name).Select(u => u.Id).SingleAsync());

            var admin = await factory.AdminAsync();
            Assert.Equal([NotificationKind.AccountAwaitingApproval], await KindsAsync(admin, actorId: newcomerId));
            Assert.Equal([$"{name} registered and waits for approval"], await AdminSubjectsAsync(name));
            var link = (await (await factory.CreateSignedInBrowserAsync(admin)).GetPageAsync("/Threads/Notifications"))
                .QuerySelectorAll(".notifications a").Single(a => a.TextContent.Contains(name, StringComparison.Ordinal));
            Assert.Equal("/Admin/Members?Status=PendingApproval", link.GetAttribute("href"));
        }
        finally
        {
            await SetRegistrationModeAsync(RegistrationMode.Open);
        }
    }

    private Task<int> SetRegistrationModeAsync(RegistrationMode mode) =>
        factory.WithDbAsync(db => db.SiteSettings.Where(s => s.Id == SiteSettings.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationMode, mode)));
}
