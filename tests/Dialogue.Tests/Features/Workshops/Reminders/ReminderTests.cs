using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.Email;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Workshops.Reminders;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset DayBefore = ReminderWorld.Start.AddHours(-24);
    private static readonly DateTimeOffset HourBefore = ReminderWorld.Start.AddHours(-1);

    [Fact]
    public async Task A_registrant_gets_the_days_and_the_hours_reminder_once_each_through_the_smtp_server_with_the_ics()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(capacity: 1);
        var waiting = await factory.MemberOfAsync(setup.SpaceId, "America/New_York");
        Assert.Equal(WorkshopRegistrationStatus.Waiting, await factory.RegisterAsync(setup.Workshop.Id, waiting));

        Assert.Equal(0, await factory.RunReminderJobAsync()); // two days before: nothing is due
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync());
        Assert.Equal(0, await factory.RunReminderJobAsync()); // a retry of the run builds nothing
        await factory.SendOutboxAsync();
        factory.SetClock(HourBefore.AddMinutes(1));
        Assert.Equal(1, await factory.RunReminderJobAsync());
        Assert.Equal(0, await factory.RunReminderJobAsync());
        await factory.SendOutboxAsync();
        factory.SetClock(ReminderWorld.Start.AddMinutes(-5));
        Assert.Equal(0, await factory.RunReminderJobAsync());

        var received = await ReminderWorld.ReceivedAsync(setup.Member.Email!);
        Assert.Equal(2, received.Count);
        Assert.All(received, mail => Assert.Contains($"Reminder: “{setup.Title}”", mail.Subject, StringComparison.Ordinal));
        // The time in the member's zone (Shanghai, UTC+8) and the organiser's beside it.
        Assert.Contains("18:00", received[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("10:00", received[0].TextBody, StringComparison.Ordinal);
        var calendar = ReminderWorld.AttachedCalendar(received[0]);
        Assert.NotNull(calendar);
        Assert.Equal("REQUEST", calendar!.Method);
        var invitation = Assert.Single(calendar.Events);
        Assert.Equal(setup.Title, invitation.Summary);
        Assert.Equal(ReminderWorld.Start.UtcDateTime, invitation.DtStart!.AsUtc);
        Assert.Empty(await MailDev.ToAsync(waiting.Email!));
        var ledger = await factory.RemindersOfAsync(setup.Workshop.Id);
        Assert.Equal([(1440, DayBefore), (60, HourBefore)], ledger.Select(r => (r.LeadMinutes, r.ScheduledFor.ToUniversalTime())));
    }

    [Fact]
    public async Task A_member_who_registers_within_the_hour_gets_only_the_hours_reminder()
    {
        await using var factory = new DialogueFactory();
        var setup = await factory.WorkshopWithRegistrantAsync();
        factory.SetClock(HourBefore.AddMinutes(30));

        Assert.Equal(1, await factory.RunReminderJobAsync());

        Assert.Equal(60, Assert.Single(await factory.RemindersOfAsync(setup.Workshop.Id)).LeadMinutes);
        Assert.Single(await factory.OutboxToAsync(setup.Member.Email!));
    }

    [Fact]
    public async Task An_app_restarted_on_the_same_database_does_not_build_a_reminder_again()
    {
        await using var first = new DialogueFactory();
        var setup = await first.WorkshopWithRegistrantAsync();
        first.SetClock(DayBefore.AddMinutes(1));
        Assert.Equal(1, await first.RunReminderJobAsync());

        await using var restarted = new DialogueFactory { KeepDataDirectory = true }; // the first app owns and removes it
        restarted.Settings["App:DataDirectory"] = first.DataDirectory;
        restarted.UseDatabase(first.Database);
        restarted.SetClock(DayBefore.AddMinutes(2));

        Assert.Equal(0, await restarted.RunReminderJobAsync());
        Assert.Single(await restarted.OutboxToAsync(setup.Member.Email!));
    }

    [Fact]
    public async Task A_rescheduled_workshop_sends_a_notice_at_once_and_its_reminder_follows_the_new_time_but_never_twice_for_one_instant()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync();
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync());
        await factory.SendOutboxAsync();

        await factory.MoveAsync(setup, "2026-11-25T14:00", "2026-11-25T16:00");
        await factory.SendOutboxAsync();
        Assert.Equal(0, await factory.RunReminderJobAsync()); // the new day-before (14:00) has not come yet
        factory.SetClock(DayBefore.AddHours(4));
        Assert.Equal(1, await factory.RunReminderJobAsync());
        await factory.SendOutboxAsync();
        // Moved back: the day-before instant of 10:00 was reminded already.
        await factory.MoveAsync(setup, "2026-11-25T10:00", "2026-11-25T12:00");
        Assert.Equal(0, await factory.RunReminderJobAsync());
        await factory.SendOutboxAsync();

        var received = await ReminderWorld.ReceivedAsync(setup.Member.Email!);
        Assert.Equal(
            [$"Reminder: “{setup.Title}”", $"New time: “{setup.Title}”", $"Reminder: “{setup.Title}”", $"New time: “{setup.Title}”"],
            received.Select(m => m.Subject![(m.Subject!.IndexOf(']', StringComparison.Ordinal) + 2)..]));
        var notice = ReminderWorld.AttachedCalendar(received[1])!;
        Assert.Equal("REQUEST", notice.Method);
        var moved = Assert.Single(notice.Events)!;
        Assert.Equal(new DateTime(2026, 11, 25, 14, 0, 0, DateTimeKind.Utc), moved.DtStart!.AsUtc);
        var firstSequence = Assert.Single(ReminderWorld.AttachedCalendar(received[0])!.Events)!.Sequence;
        Assert.True(moved.Sequence > firstSequence);
    }

    [Fact]
    public async Task A_cancelled_workshop_withdraws_its_queued_reminder_and_tells_registrants_and_the_waiting_list_with_a_cancel_ics()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(capacity: 1);
        var waiting = await factory.MemberOfAsync(setup.SpaceId, "Europe/London");
        await factory.RegisterAsync(setup.Workshop.Id, waiting);
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync()); // queued, not yet sent

        await factory.CancelWorkshopAsync(setup);
        await factory.SendOutboxAsync();
        factory.SetClock(HourBefore);

        Assert.Equal(0, await factory.RunReminderJobAsync());
        var withdrawn = Assert.Single(await factory.OutboxToAsync(setup.Member.Email!), m => m.Kind == WorkshopMail.ReminderKind);
        Assert.NotNull(withdrawn.FailedAt);
        Assert.Null(withdrawn.SentAt);
        foreach (var person in new[] { setup.Member, waiting })
        {
            var mail = Assert.Single(await ReminderWorld.ReceivedAsync(person.Email!));
            Assert.Contains($"Cancelled: “{setup.Title}”", mail.Subject, StringComparison.Ordinal);
            var calendar = ReminderWorld.AttachedCalendar(mail)!;
            Assert.Equal("CANCEL", calendar.Method);
            Assert.Equal("CANCELLED", Assert.Single(calendar.Events).Status);
        }
    }

    [Fact]
    public async Task A_reminder_queued_before_the_workshops_discussion_was_made_red_leaves_without_its_title_or_calendar()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(SensitivityLabel.Green);
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync());

        await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == setup.Workshop.ThreadId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Label, SensitivityLabel.Red)));
        await factory.SendOutboxAsync();

        var mail = Assert.Single(await ReminderWorld.ReceivedAsync(setup.Member.Email!));
        Assert.DoesNotContain(setup.Title, ReminderWorld.AllText(mail), StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);
        Assert.Empty(await factory.WithDbAsync(db => db.OutboxAttachments.Where(a => db.OutboxMessages.Any(m => m.Id == a.OutboxMessageId && m.ToAddress == setup.Member.Email)).ToListAsync()));
    }

    [Fact]
    public async Task The_first_minutes_are_announced_to_registrants_once_and_a_correction_is_not()
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(SensitivityLabel.Amber);
        factory.SetClock(ReminderWorld.Start.AddDays(1));
        var organiser = await factory.CreateSignedInBrowserAsync(setup.Organiser);

        await organiser.SubmitAsync($"/Workshops/{setup.Workshop.Id}/Edit", new Dictionary<string, string> { ["Minutes"] = "We agreed on **three** shared benchmarks." }, "form[action*='handler=Minutes']");
        await organiser.SubmitAsync($"/Workshops/{setup.Workshop.Id}/Edit", new Dictionary<string, string> { ["Minutes"] = "We agreed on **four** shared benchmarks." }, "form[action*='handler=Minutes']");
        await factory.SendOutboxAsync();

        var mail = Assert.Single(await ReminderWorld.ReceivedAsync(setup.Member.Email!));
        Assert.Equal($"[TLP:AMBER] Minutes: “{setup.Title}”", mail.Subject);
        Assert.Contains("We agreed on three shared benchmarks.", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);
        var page = await organiser.GetPageAsync($"/Workshops/{setup.Workshop.Id}");
        Assert.Contains("four", page.QuerySelector("#minutes-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_lead_times_come_from_configuration()
    {
        await using var factory = new DialogueFactory();
        factory.Settings["Workshops:Reminders:Before:0"] = "02:00:00";
        var setup = await factory.WorkshopWithRegistrantAsync();
        factory.SetClock(DayBefore);
        Assert.Equal(0, await factory.RunReminderJobAsync());

        factory.SetClock(ReminderWorld.Start.AddHours(-2));
        Assert.Equal(1, await factory.RunReminderJobAsync());
        Assert.Equal(120, Assert.Single(await factory.RemindersOfAsync(setup.Workshop.Id)).LeadMinutes);
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear)]
    [InlineData(SensitivityLabel.Green)]
    [InlineData(SensitivityLabel.Amber)]
    [InlineData(SensitivityLabel.AmberStrict)]
    [InlineData(SensitivityLabel.Red)]
    public async Task A_reminder_as_the_smtp_server_received_it_carries_only_what_the_labels_email_column_allows(SensitivityLabel label)
    {
        await using var factory = new SmtpFactory(MailDev.SmtpPort);
        var setup = await factory.WorkshopWithRegistrantAsync(label);
        factory.SetClock(DayBefore);
        Assert.Equal(1, await factory.RunReminderJobAsync());
        await factory.SendOutboxAsync();

        var mail = Assert.Single(await ReminderWorld.ReceivedAsync(setup.Member.Email!));
        var all = ReminderWorld.AllText(mail);
        var (name, showsTitle, link) = label switch
        {
            SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber => ($"“{setup.Title}”", true, true),
            SensitivityLabel.AmberStrict => ("Restricted workshop", false, true),
            _ => ("Dialogue workshop", false, false),
        };
        Assert.StartsWith($"[{Dialogue.Web.Features.Access.LabelTagHelper.Name(label)}] Reminder: {name}", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(showsTitle, all.Contains(setup.Title, StringComparison.Ordinal));
        Assert.Equal(link, all.Contains($"/Workshops/{setup.Workshop.Id}", StringComparison.Ordinal));
        Assert.Contains("18:00", mail.TextBody, StringComparison.Ordinal); // the times, in the member's zone, always
        var invitation = Assert.Single(ReminderWorld.AttachedCalendar(mail)!.Events)!;
        Assert.Equal(name.Trim('“', '”'), invitation.Summary);
        Assert.Equal(ReminderWorld.Start.UtcDateTime, invitation.DtStart!.AsUtc);
        Assert.Equal(link, invitation.Url is not null);
    }
}
