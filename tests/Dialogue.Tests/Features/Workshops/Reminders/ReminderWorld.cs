using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops;
using Ical.Net;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dialogue.Tests.Features.Workshops.Reminders;

/// <summary>Reminder and notice helpers over the app's own editor, job and outbox.</summary>
public static class ReminderWorld
{
    /// <summary>The factories' clock starts at 2026-11-23 09:00 UTC; the workshops below start two days later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public sealed record Setup(long SpaceId, DialogueUser Organiser, Workshop Workshop, DialogueUser Member, string Title);

    /// <summary>A workshop planned in London (UTC in November) at <see cref="Start"/>, with one registered member in Shanghai.</summary>
    public static async Task<Setup> WorkshopWithRegistrantAsync(this DialogueFactory factory, SensitivityLabel label = SensitivityLabel.Clear, int? capacity = null)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, organiser, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique("Reminded workshop");
        var mode = label == SensitivityLabel.Red ? WorkshopRegistrationMode.InvitationOnly : WorkshopRegistrationMode.Open;
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, label, title, "Europe/London", "2026-11-25T10:00", "2026-11-25T12:00", capacity, mode);
        var member = await factory.MemberOfAsync(space.Id, "Asia/Shanghai");
        if (label == SensitivityLabel.Red)
        {
            await factory.InviteAsync(workshop.Id, organiser, member);
        }
        Assert.Equal(WorkshopRegistrationStatus.Registered, await factory.RegisterAsync(workshop.Id, member));
        return new Setup(space.Id, organiser, workshop, member, title);
    }

    public static async Task<DialogueUser> MemberOfAsync(this DialogueFactory factory, long spaceId, string zone)
    {
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(spaceId, member);
        await factory.SetZoneAsync(member, zone);
        return member;
    }

    public static Task<int> RunReminderJobAsync(this DialogueFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<WorkshopReminderJob>().ScanAsync(CancellationToken.None));

    public static void SetClock(this DialogueFactory factory, DateTimeOffset at) => factory.Clock.Advance(at - factory.Clock.GetUtcNow());

    /// <summary>Moves the workshop through the editor, as the Edit page does.</summary>
    public static Task MoveAsync(this DialogueFactory factory, Setup setup, string start, string end) =>
        factory.WithScopeAsync(async sp =>
        {
            var editor = sp.GetRequiredService<WorkshopEditor>();
            var form = new WorkshopForm
            {
                Title = setup.Title,
                Description = $"About {setup.Title}",
                Label = setup.Workshop.Label,
                TimeZone = "Europe/London",
                Start = start,
                End = end,
                Capacity = setup.Workshop.Capacity,
                Mode = setup.Workshop.RegistrationMode,
            };
            var errors = new ModelStateDictionary();
            var input = editor.Check(form, setup.Workshop.Label, setup.Workshop.Label, errors);
            Assert.NotNull(input);
            Assert.True(await editor.UpdateAsync(setup.Workshop.Id, input!, errors, CancellationToken.None));
            return true;
        });

    public static Task CancelWorkshopAsync(this DialogueFactory factory, Setup setup) =>
        factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<WorkshopEditor>().CancelAsync(setup.Workshop.Id, setup.Organiser.Id, CancellationToken.None);
            return true;
        });

    public static Task<List<WorkshopReminder>> RemindersOfAsync(this DialogueFactory factory, long workshopId) =>
        factory.WithDbAsync(db => db.WorkshopReminders.AsNoTracking().Where(r => r.WorkshopId == workshopId).OrderBy(r => r.Id).ToListAsync());

    /// <summary>The messages maildev received for <paramref name="address"/>, raw, oldest first.</summary>
    public static async Task<List<MimeMessage>> ReceivedAsync(string address)
    {
        var messages = new List<MimeMessage>();
        foreach (var mail in await MailDev.ToAsync(address))
        {
            messages.Add(await MailDev.RawAsync(mail.Id));
        }
        return [.. messages.OrderBy(m => m.Date)];
    }

    /// <summary>The .ics attached to a received message, parsed by Ical.Net, or null when it has none.</summary>
    public static Calendar? AttachedCalendar(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().SingleOrDefault(p => p.ContentType.MimeType == "text/calendar");
        if (part is null)
        {
            return null;
        }
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Calendars.CalendarWorld.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Everything a reader of the raw message sees: subject, both bodies and every attachment's text.</summary>
    public static string AllText(MimeMessage message)
    {
        var text = new System.Text.StringBuilder().AppendLine(message.Subject).AppendLine(message.TextBody).AppendLine(message.HtmlBody);
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var stream = new MemoryStream();
            part.Content!.DecodeTo(stream);
            text.AppendLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        return text.ToString();
    }
}
