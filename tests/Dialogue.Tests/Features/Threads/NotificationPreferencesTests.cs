using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Threads;

public sealed class NotificationPreferencesTests(NotificationPreferencesTests.HoldingFactory factory) : IClassFixture<NotificationPreferencesTests.HoldingFactory>
{
    /// <summary>A newcomer's first post waits for review, so staff work arises from ordinary posting.</summary>
    public sealed class HoldingFactory : DialogueFactory
    {
        public HoldingFactory() => Settings["Moderation:FirstPostsToReview"] = "1";
    }

    private const string Settings = "/Threads/NotificationSettings";

    private static async Task SaveAsync(HttpClient browser, params (string Box, bool Ticked)[] changes)
    {
        var page = await browser.GetPageAsync(Settings);
        foreach (var (box, ticked) in changes)
        {
            page.QuerySelector<IHtmlInputElement>("#" + box)!.IsChecked = ticked;
        }
        var saved = await browser.SubmitAsync(page, Settings, new Dictionary<string, string>());
        Assert.Contains("Your notification settings are saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<List<NotificationKind>> KindsAsync(DialogueUser recipient, long threadId) =>
        factory.WithDbAsync(db => db.Notifications.Where(n => n.RecipientId == recipient.Id && n.ThreadId == threadId).Select(n => n.Kind).ToListAsync());

    private async Task<(Space Space, DialogueUser Author, DialogueUser Reader)> GreenSpaceAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        // A moderator's posts are never held, so what the author writes is published at once.
        await factory.AddToSpaceAsync(space.Id, author, SpaceRole.Moderator);
        await factory.AddToSpaceAsync(space.Id, reader);
        return (space, author, reader);
    }

    [Fact]
    public async Task Member_who_turns_off_mention_emails_is_still_told_in_the_app_but_gets_no_email()
    {
        var (space, author, reader) = await GreenSpaceAsync();
        var browser = await factory.CreateSignedInBrowserAsync(reader);
        var page = await browser.GetPageAsync(Settings);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#email-Mentions")!.IsChecked);

        await SaveAsync(browser, ("email-Mentions", false));

        var saved = await browser.GetPageAsync(Settings);
        Assert.False(saved.QuerySelector<IHtmlInputElement>("#email-Mentions")!.IsChecked);
        Assert.True(saved.QuerySelector<IHtmlInputElement>("#inapp-Mentions")!.IsChecked);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Quiet"),
            $"A question for @{reader.Email!.Split('@')[0]}.");
        Assert.Equal([NotificationKind.Mention], await KindsAsync(reader, thread.Id));
        Assert.DoesNotContain(await factory.OutboxToAsync(reader.Email!), m => m.Kind == Notifier.MentionEmailKind);
    }

    [Fact]
    public async Task Member_who_turns_off_replies_in_the_app_hears_nothing_of_replies_in_a_thread_they_watch()
    {
        var (space, author, reader) = await GreenSpaceAsync();
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Watched"), "Opening words.");
        var browser = await factory.CreateSignedInBrowserAsync(reader);
        await browser.SubmitAsync($"/Threads/{thread.Id}", new Dictionary<string, string>(), "form[action*='handler=Watch']");
        await factory.ReplyAsync(thread.Id, author, "A first reply.");
        Assert.Equal([NotificationKind.Reply], await KindsAsync(reader, thread.Id));

        await SaveAsync(browser, ("inapp-Replies", false));
        await factory.ReplyAsync(thread.Id, author, "A second reply.");

        Assert.Equal([NotificationKind.Reply], await KindsAsync(reader, thread.Id));
    }

    [Fact]
    public async Task Staff_work_email_is_off_for_moderators_until_they_opt_in_and_on_for_admins_until_they_opt_out()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        var moderator = await factory.CreateMemberAsync();
        var admin = await factory.CreateMemberAsync(null, Roles.Admin);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var moderatorBrowser = await factory.CreateSignedInBrowserAsync(moderator);
        var adminBrowser = await factory.CreateSignedInBrowserAsync(admin);
        Assert.False((await moderatorBrowser.GetPageAsync(Settings)).QuerySelector<IHtmlInputElement>("#email-StaffWork")!.IsChecked);
        Assert.True((await adminBrowser.GetPageAsync(Settings)).QuerySelector<IHtmlInputElement>("#email-StaffWork")!.IsChecked);

        await SaveAsync(moderatorBrowser, ("email-StaffWork", true));
        await SaveAsync(adminBrowser, ("email-StaffWork", false));
        var newcomer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, newcomer);
        var thread = await factory.StartThreadAsync(space.Id, newcomer, SensitivityLabel.Green, ThreadsWorld.Unique("Held"), "My first words.");

        Assert.Equal(PostStatus.Pending, thread.Status);
        Assert.Contains(await factory.OutboxToAsync(moderator.Email!), m => m.Kind == StaffNotifier.EmailKind);
        Assert.DoesNotContain(await factory.OutboxToAsync(admin.Email!), m => m.Kind == StaffNotifier.EmailKind);
        Assert.Equal([NotificationKind.PostHeld], await KindsAsync(admin, thread.Id));
    }

    [Fact]
    public async Task A_member_who_is_not_staff_is_not_offered_staff_work_and_a_forged_choice_for_it_is_not_saved()
    {
        var member = await factory.CreateMemberAsync();
        var browser = await factory.CreateSignedInBrowserAsync(member);
        var page = await browser.GetPageAsync(Settings);
        Assert.Null(page.QuerySelector("#email-StaffWork"));
        Assert.Null(page.QuerySelector("#email-Replies"));

        await browser.SubmitAsync(page, Settings, new Dictionary<string, string> { ["Email"] = "StaffWork" });

        var topics = await factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.UserId == member.Id).Select(p => p.Topic).ToListAsync());
        Assert.DoesNotContain(NotificationTopic.StaffWork, topics);
        Assert.Equal(3, topics.Count);
    }
}
