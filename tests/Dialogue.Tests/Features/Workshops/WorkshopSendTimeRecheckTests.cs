using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.Email;
using Dialogue.Tests.Features.Workshops.Reminders;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Workshops;

/// <summary>
/// A workshop email carries the workshop itself (not only its discussion) into the send-time check: a workshop with no
/// discussion thread, raised to RED after its email was queued, lets nothing of itself out through the SMTP server.
/// </summary>
public sealed class WorkshopSendTimeRecheckTests
{
    private static readonly DateTimeOffset DayBefore = ReminderWorld.Start.AddHours(-24);

    private static Task<int> WithoutDiscussionAsync(DialogueFactory factory, long workshopId) =>
        factory.WithDbAsync(db => db.Workshops.Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s.SetProperty(w => w.ThreadId, (long?)null)));

    private static Task<int> RaiseToRedAsync(DialogueFactory factory, long workshopId) =>
        factory.WithDbAsync(db => db.Workshops.Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Label, SensitivityLabel.Red)));

    private static void AssertNothingOfTheWorkshop(MimeKit.MimeMessage mail, long workshopId, string title)
    {
        Assert.Equal("[TLP:RED] You have new activity on Dialogue", mail.Subject);
        var everything = ReminderWorld.AllText(mail);
        Assert.DoesNotContain(title, everything, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Workshops/{workshopId}", everything, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public async Task A_reminder_of_a_workshop_without_a_discussion_raised_to_red_after_it_was_queued_leaves_as_a_notice_without_title_description_or_calendar()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(SensitivityLabel.Green);
        await WithoutDiscussionAsync(factory, setup.Workshop.Id);
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync());
        var queued = Assert.Single(await factory.OutboxToAsync(setup.Member.Email!));
        Assert.Contains(setup.Title, queued.Subject, StringComparison.Ordinal);
        Assert.Contains($"About {setup.Title}", queued.TextBody, StringComparison.Ordinal);

        await RaiseToRedAsync(factory, setup.Workshop.Id);
        await factory.SendOutboxAsync();

        var mail = Assert.Single(await ReminderWorld.ReceivedAsync(setup.Member.Email!));
        AssertNothingOfTheWorkshop(mail, setup.Workshop.Id, setup.Title);
        Assert.Empty(await factory.WithDbAsync(db => db.OutboxAttachments
            .Where(a => db.OutboxMessages.Any(m => m.Id == a.OutboxMessageId && m.ToAddress == setup.Member.Email)).ToListAsync()));
    }

    [Fact]
    public async Task A_place_offered_email_of_a_workshop_without_a_discussion_raised_to_red_meanwhile_leaves_as_a_notice_without_its_title()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, organiser, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique("Full workshop");
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, title, "Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 1);
        await WithoutDiscussionAsync(factory, workshop.Id);
        var registered = await factory.MemberOfAsync(space.Id, "Europe/London");
        var waiting = await factory.MemberOfAsync(space.Id, "Europe/London");
        Assert.Equal(WorkshopRegistrationStatus.Registered, await factory.RegisterAsync(workshop.Id, registered));
        Assert.Equal(WorkshopRegistrationStatus.Waiting, await factory.RegisterAsync(workshop.Id, waiting));
        var cancelled = await (await factory.CreateSignedInBrowserAsync(registered))
            .SubmitAsync($"/Workshops/{workshop.Id}", new Dictionary<string, string>(), "form[action*='handler=CancelRegistration']");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var queued = Assert.Single(await factory.OutboxToAsync(waiting.Email!));
        Assert.Contains(title, queued.Subject, StringComparison.Ordinal);

        await RaiseToRedAsync(factory, workshop.Id);
        await factory.SendOutboxAsync();

        AssertNothingOfTheWorkshop(Assert.Single(await ReminderWorld.ReceivedAsync(waiting.Email!)), workshop.Id, title);
    }
}
