using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Dialogue.Tests.Features.Calendars;

public sealed class CalendarTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Theory]
    [InlineData("Asia/Shanghai", 2026, 12, 8, 9, 0)]
    [InlineData("America/New_York", 2027, 3, 14, 9, 0)]
    [InlineData("Australia/Sydney", 2027, 4, 4, 10, 30)]
    [InlineData("Europe/London", 2027, 3, 28, 1, 30)] // skipped by the change: shifted forward to 02:30 BST
    [InlineData("UTC", 2026, 12, 8, 9, 0)]
    public async Task Workshop_ics_parses_back_to_the_stored_instants_in_the_organisers_zone(string zoneId, int year, int month, int day, int hour, int minute)
    {
        var organiser = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync();
        await factory.AddToSpaceAsync(space.Id, organiser);
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Evals"), zoneId,
            new LocalDateTime(year, month, day, hour, minute), Duration.FromMinutes(90), "Agents in sandboxes.");

        var response = await factory.CreateBrowser().GetAsync($"/Workshops/{workshop.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ics = await response.Content.ReadAsStringAsync();
        var calendar = CalendarWorld.Parse(ics);

        Assert.Equal("PUBLISH", calendar.Method);
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal($"workshop-{workshop.Id}@localhost", calendarEvent.Uid);
        Assert.Equal(workshop.Sequence, calendarEvent.Sequence);
        Assert.Equal(workshop.StartsAt.UtcDateTime, calendarEvent.DtStart!.AsUtc);
        Assert.Equal(workshop.EndsAt.UtcDateTime, calendarEvent.DtEnd!.AsUtc);
        Assert.Equal(workshop.Title, calendarEvent.Summary);
        if (zoneId == "UTC")
        {
            Assert.Empty(calendar.TimeZones);
            Assert.Contains("DTSTART:", ics, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(zoneId, Assert.Single(calendar.TimeZones).TzId);
            Assert.Equal(zoneId, calendarEvent.DtStart.TzId);
            Assert.Contains($"DTSTART;TZID={zoneId}:", ics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancelled_workshop_ics_cancels_with_the_same_uid_and_a_higher_sequence()
    {
        var organiser = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync();
        await factory.AddToSpaceAsync(space.Id, organiser);
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Cancelled"),
            "Europe/London", new LocalDateTime(2026, 12, 10, 14, 0), Duration.FromHours(1));
        await factory.WithDbAsync(db => db.Workshops.Where(w => w.Id == workshop.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CancelledAt, factory.Clock.GetUtcNow()).SetProperty(w => w.Sequence, 3)));

        var calendar = CalendarWorld.Parse(await factory.CreateBrowser().GetStringAsync($"/Workshops/{workshop.Id}/calendar.ics"));

        Assert.Equal("CANCEL", calendar.Method);
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal(EventStatus.Cancelled, calendarEvent.Status);
        Assert.Equal(3, calendarEvent.Sequence);
        Assert.Equal($"workshop-{workshop.Id}@localhost", calendarEvent.Uid);
    }

    [Fact]
    public async Task Unknown_workshop_ics_answers_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync("/Workshops/987654321/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task Member_creates_regenerates_and_revokes_their_feed_and_old_addresses_answer_404()
    {
        var member = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var workshop = await factory.CreateWorkshopAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("Mine"),
            "Asia/Shanghai", new LocalDateTime(2026, 12, 9, 9, 0), Duration.FromHours(1));
        var browser = await factory.CreateSignedInBrowserAsync(member);
        var calendarService = factory.CreateBrowser();

        var first = FeedPathOn(await (await browser.SubmitAsync("/Workshops/Calendar", new Dictionary<string, string>(), "main form[action*='handler=Issue']")).ReadPageAsync());
        var feed = CalendarWorld.Parse(await calendarService.GetStringAsync(first));
        Assert.Equal(workshop.Title, Assert.Single(feed.Events).Summary);
        // Shown once: the address is not on the page again.
        Assert.DoesNotContain(first, await browser.GetStringAsync("/Workshops/Calendar"), StringComparison.Ordinal);

        var second = FeedPathOn(await (await browser.SubmitAsync("/Workshops/Calendar", new Dictionary<string, string>(), "main form[action*='handler=Issue']")).ReadPageAsync());
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarService.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarService.GetAsync(second)).StatusCode);

        await browser.SubmitAsync("/Workshops/Calendar", new Dictionary<string, string>(), "main form[action*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.NotFound, (await calendarService.GetAsync(second)).StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.WorkshopCalendarFeeds.Where(f => f.UserId == member.Id).Select(f => f.TokenHash).SingleAsync()));
    }

    [Fact]
    public async Task Feed_lists_red_workshops_only_when_the_member_turns_them_on_and_never_with_their_title()
    {
        var organiser = await factory.CreateMemberAsync();
        var participant = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, organiser);
        await factory.AddToSpaceAsync(space.Id, participant);
        var title = ThreadsWorld.Unique("Red title");
        var red = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Red, title, "Europe/London",
            new LocalDateTime(2026, 12, 11, 16, 0), Duration.FromHours(1), "red-description", invitees: [participant]);
        var token = await factory.IssueFeedAsync(participant);
        var calendarService = factory.CreateBrowser();

        var without = await calendarService.GetStringAsync($"/Workshops/Feed/{token}.ics");
        Assert.Empty(CalendarWorld.Parse(without).Events);

        var browser = await factory.CreateSignedInBrowserAsync(participant);
        await browser.SubmitAsync("/Workshops/Calendar", new Dictionary<string, string> { ["IncludeRed"] = "true" }, "main form[action*='handler=Red']");
        var with = await calendarService.GetStringAsync($"/Workshops/Feed/{token}.ics");
        var calendarEvent = Assert.Single(CalendarWorld.Parse(with).Events);
        Assert.Equal("Dialogue workshop", calendarEvent.Summary);
        Assert.Equal(red.StartsAt.UtcDateTime, calendarEvent.DtStart!.AsUtc);
        Assert.Null(calendarEvent.Url);
        Assert.Null(calendarEvent.Location);
        Assert.True(string.IsNullOrEmpty(calendarEvent.Description));
        Assert.DoesNotContain(title, with, StringComparison.Ordinal);
        Assert.DoesNotContain("red-description", with, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_is_written_in_the_members_language()
    {
        var organiser = await factory.CreateMemberAsync();
        var participant = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, organiser);
        await factory.AddToSpaceAsync(space.Id, participant);
        await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Red, ThreadsWorld.Unique("Red"), "Asia/Shanghai",
            new LocalDateTime(2026, 12, 11, 16, 0), Duration.FromHours(1), invitees: [participant]);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == participant.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.UiCulture, "zh-Hans")));
        var token = await factory.IssueFeedAsync(participant, includeRed: true);

        var feed = CalendarWorld.Parse(await factory.CreateBrowser().GetStringAsync($"/Workshops/Feed/{token}.ics"));

        Assert.Equal("Dialogue 研讨会", Assert.Single(feed.Events).Summary);
    }

    [Fact]
    public async Task Suspended_members_feed_answers_404()
    {
        var member = await factory.CreateMemberAsync();
        var token = await factory.IssueFeedAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowser().GetAsync($"/Workshops/Feed/{token}.ics")).StatusCode);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, Dialogue.Data.Accounts.AccountStatus.Suspended)));

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync($"/Workshops/Feed/{token}.ics")).StatusCode);
    }

    private static string FeedPathOn(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var url = page.QuerySelector("#feed-url")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(url), page.DocumentElement.OuterHtml);
        return new Uri(url!).PathAndQuery;
    }
}
