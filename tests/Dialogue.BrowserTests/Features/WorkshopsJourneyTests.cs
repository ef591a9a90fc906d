using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.Calendars;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class WorkshopsJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_organiser_in_Beijing_polls_London_and_New_York_schedules_from_the_poll_and_the_registrant_gets_the_reminder_and_the_ics()
    {
        var app = fixture.App;
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var organiser = await app.CreateMemberAsync();
        var london = await app.CreateMemberAsync();
        var newYork = await app.CreateMemberAsync();
        await app.AddToSpaceAsync(space.Id, organiser, SpaceRole.Moderator);
        await app.AddToSpaceAsync(space.Id, london);
        await app.AddToSpaceAsync(space.Id, newYork);
        foreach (var (member, zone) in new[] { (organiser, "Asia/Shanghai"), (london, "Europe/London"), (newYork, "America/New_York") })
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zone)));
        }
        var title = ThreadsWorld.Unique("Cross-border evals");

        // The organiser proposes 16:00 Beijing on 2 December: 08:00 in London, 03:00 in New York.
        var beijing = await SignedInPageAsync(organiser, "Asia/Shanghai");
        await beijing.GotoAsync($"/Workshops/Polls/New?spaceId={space.Id}");
        await beijing.Locator("#Data_Title").FillAsync(title);
        await beijing.Locator("#Data_TimeZone").FillAsync("Asia/Shanghai");
        await beijing.Locator("#slot-date-0").FillAsync("2026-12-02");
        await beijing.Locator("#slot-time-0").FillAsync("16:00");
        await beijing.Locator($"#invitee-{london.Id}").CheckAsync();
        await beijing.Locator($"#invitee-{newYork.Id}").CheckAsync();
        await beijing.GetByRole(AriaRole.Button, new() { Name = "Create the poll" }).ClickAsync();
        await beijing.WaitForURLAsync("**/Workshops/Polls/*");
        var pollUrl = new Uri(beijing.Url).PathAndQuery;

        foreach (var (member, zone, local) in new[] { (london, "Europe/London", "08:00"), (newYork, "America/New_York", "03:00") })
        {
            var page = await SignedInPageAsync(member, zone);
            await page.GotoAsync(pollUrl);
            Assert.Contains(local, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.Locator("input[type=radio][value=Yes]").First.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }

        await beijing.GotoAsync(pollUrl);
        await beijing.Locator("button[name=slotId]").First.ClickAsync();
        await beijing.WaitForURLAsync("**/Workshops/New**");
        Assert.Equal(title, await beijing.Locator("#Data_Title").InputValueAsync());
        await beijing.GetByRole(AriaRole.Button, new() { Name = "Schedule the workshop" }).ClickAsync();
        await beijing.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Workshops/[0-9]+$"));
        var workshopPath = new Uri(beijing.Url).AbsolutePath;
        var workshopId = long.Parse(workshopPath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var registrant = await SignedInPageAsync(london, "Europe/London");
        await registrant.GotoAsync(workshopPath);
        await registrant.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        // The page after the post offers to cancel the place it just gave (a busy test machine can take its time).
        await registrant.GetByRole(AriaRole.Button, new() { Name = "Cancel my registration" }).WaitForAsync(new() { Timeout = 90_000 });
        Assert.Equal(WorkshopRegistrationStatus.Registered, await app.WithDbAsync(db =>
            db.WorkshopRegistrations.Where(r => r.WorkshopId == workshopId && r.UserId == london.Id).Select(r => r.Status).SingleAsync()));

        // An hour before the start (08:00 UTC), the reminder job runs and the outbox sends through the SMTP server.
        var start = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);
        app.Clock.Advance(start.AddMinutes(-59) - app.Clock.GetUtcNow());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<WorkshopReminderJob>().ScanAsync(CancellationToken.None)));
        await app.SendOutboxAsync();
        // The London member also got the poll's "a time was chosen" notice; the reminder is the other message.
        var mail = Assert.Single(await MailDev.ToAsync(london.Email!), m => m.Subject.Contains("Reminder:", StringComparison.Ordinal));
        Assert.Contains($"Reminder: “{title}”", mail.Subject, StringComparison.Ordinal);
        var raw = await MailDev.RawAsync(mail.Id);
        Assert.Contains("08:00", raw.TextBody, StringComparison.Ordinal);
        Assert.Contains(raw.Attachments, a => a.ContentType.MimeType == "text/calendar");

        var ics = await registrant.Context.APIRequest.GetAsync($"{fixture.BaseUrl}{workshopPath}/calendar.ics");
        Assert.Equal(200, ics.Status);
        var calendarEvent = Assert.Single(CalendarWorld.Parse(await ics.TextAsync()).Events)!;
        Assert.Equal(title, calendarEvent.Summary);
        Assert.Equal(start.UtcDateTime, calendarEvent.DtStart!.AsUtc);
    }

    private async Task<IPage> SignedInPageAsync(Dialogue.Data.Accounts.DialogueUser user, string zone)
    {
        var (name, value) = await fixture.App.AuthCookieAsync(user);
        var page = await fixture.NewPageAsync(timeZone: zone);
        await page.Context.AddCookiesAsync([new Cookie { Name = name, Value = value, Url = fixture.BaseUrl }]);
        return page;
    }
}
