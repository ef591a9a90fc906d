using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Workshops;

public sealed class WorkshopPagesTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Space Space, DialogueUser Organiser)> SpaceWithOrganiserAsync(SensitivityLabel label = SensitivityLabel.Clear)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        await factory.AddToSpaceAsync(space.Id, organiser);
        await factory.SetZoneAsync(organiser, "Asia/Shanghai");
        return (space, organiser);
    }

    [Fact]
    public async Task An_organiser_in_Beijing_schedules_a_workshop_with_its_discussion_thread_and_a_reader_in_Washington_sees_both_times()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var title = ThreadsWorld.Unique("Beijing morning");
        var created = await browser.SubmitAsync($"/Workshops/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Start"] = "2026-12-08T09:00",
            ["Data.End"] = "2026-12-08T11:00",
            ["Data.Description"] = "We meet **early**.",
            ["Data.Capacity"] = "20",
        }, "form.workshop-form");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var path = created.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.Matches(@"^/Workshops/\d+$", path);

        var stored = await factory.WithDbAsync(db => db.Workshops.AsNoTracking().SingleAsync(w => w.Title == title));
        Assert.Equal(("Asia/Shanghai", DateTimeOffset.Parse("2026-12-08T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), (stored.TimeZoneId, stored.StartsAt));
        Assert.Contains("<strong>early</strong>", stored.DescriptionHtml, StringComparison.Ordinal);
        var thread = await factory.WithDbAsync(db => db.Threads.AsNoTracking().SingleAsync(t => t.Id == stored.ThreadId));
        Assert.Equal((title, SensitivityLabel.Clear, space.Id), (thread.Title, thread.Label, thread.SpaceId));

        var reader = await factory.CreateMemberAsync();
        await factory.SetZoneAsync(reader, "America/New_York");
        var page = await (await factory.CreateSignedInBrowserAsync(reader)).GetPageAsync(path);
        var when = page.QuerySelector(".workshop-facts .dual-time")!.TextContent;
        Assert.Contains("Mon 7 Dec 20:00–22:00 New York (EST)", when, StringComparison.Ordinal);
        Assert.Contains("Tue 8 Dec 09:00–11:00 Shanghai (CST)", when, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_on_each_field_and_saves_nothing()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync(SensitivityLabel.Green);
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var title = ThreadsWorld.Unique("Broken");
        var response = await browser.SubmitAsync($"/Workshops/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.Label"] = nameof(SensitivityLabel.Clear),
            ["Data.TimeZone"] = "Mars/Olympus_Mons",
            ["Data.Start"] = "2026-12-08T11:00",
            ["Data.End"] = "2026-12-08T09:00",
            ["Data.OnlineLink"] = "javascript:alert(1)",
        }, "form.workshop-form");
        var page = await response.ReadPageAsync();
        Assert.Contains("cannot be laxer than its space", page.QuerySelector("#Data_Label-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("is not a time zone we know", page.QuerySelector("#Data_TimeZone-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://", page.QuerySelector("#Data_OnlineLink-error")!.TextContent, StringComparison.Ordinal);

        var endBeforeStart = await browser.SubmitAsync($"/Workshops/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.TimeZone"] = "Europe/London",
            ["Data.Start"] = "2026-12-08T11:00",
            ["Data.End"] = "2026-12-08T09:00",
        }, "form.workshop-form");
        Assert.Contains("The end must be after the start.", (await endBeforeStart.ReadPageAsync()).QuerySelector("#Data_End-error")!.TextContent, StringComparison.Ordinal);

        Assert.False(await factory.WithDbAsync(db => db.Workshops.AnyAsync(w => w.SpaceId == space.Id)));
        Assert.False(await factory.WithDbAsync(db => db.Threads.AnyAsync(t => t.Title == title)));
    }

    [Fact]
    public async Task The_new_form_is_prefilled_from_the_query_string_a_decided_poll_links_to()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var page = await browser.GetPageAsync($"/Workshops/New?spaceId={space.Id}&title=Poll+winner&start=2027-01-12T15:00&end=2027-01-12T17:00&zone=Europe/London&fromPoll=42");
        Assert.Equal("Poll winner", page.QuerySelector("#Data_Title")!.GetAttribute("value"));
        Assert.Equal("2027-01-12T15:00", page.QuerySelector("#Data_Start")!.GetAttribute("value"));
        Assert.Equal("2027-01-12T17:00", page.QuerySelector("#Data_End")!.GetAttribute("value"));
        Assert.Equal("Europe/London", page.QuerySelector("#Data_TimeZone")!.GetAttribute("value"));
        Assert.Equal("42", page.QuerySelector("input[name='Data.FromPoll']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Only_organisers_and_moderators_of_the_space_schedule_workshops_there()
    {
        var (space, _) = await SpaceWithOrganiserAsync();
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var organiserElsewhere = await factory.CreateMemberAsync(null, Roles.Organiser);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CreateSignedInBrowserAsync(member)).GetAsync($"/Workshops/New?spaceId={space.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.CreateSignedInBrowserAsync(organiserElsewhere)).GetAsync($"/Workshops/New?spaceId={space.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.CreateSignedInBrowserAsync(moderator)).GetAsync($"/Workshops/New?spaceId={space.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_session_outside_its_workshop_is_refused_with_a_clear_message()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("W"), "Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T12:00");
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var response = await browser.SubmitAsync($"/Workshops/{workshop.Id}/Agenda", new Dictionary<string, string>
        {
            ["Data.Title"] = "Too late",
            ["Data.Start"] = "2026-12-08T11:30",
            ["Data.End"] = "2026-12-08T12:30",
        }, "form[action*='handler=Save']");
        var page = await response.ReadPageAsync();
        Assert.Contains("A session must lie inside the workshop", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.WorkshopSessions.AnyAsync(s => s.WorkshopId == workshop.Id)));

        var added = await browser.SubmitAsync($"/Workshops/{workshop.Id}/Agenda", new Dictionary<string, string>
        {
            ["Data.Title"] = "In time",
            ["Data.Start"] = "2026-12-08T11:00",
            ["Data.End"] = "2026-12-08T12:00",
        }, "form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.WorkshopSessions.AnyAsync(s => s.WorkshopId == workshop.Id && s.Title == "In time")));
    }

    [Theory]
    [InlineData("Asia/Shanghai", 1)]
    [InlineData("Europe/London", 1)]
    [InlineData("America/New_York", 2)]
    [InlineData("America/Los_Angeles", 1)]
    public async Task A_session_across_the_readers_midnight_is_in_the_timetable_on_both_days(string zone, int days)
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("W"), "Asia/Shanghai", "2026-12-09T10:00", "2026-12-09T14:00");
        var session = ThreadsWorld.Unique("Late for Americans");
        await factory.AddSessionAsync(workshop.Id, session, "Asia/Shanghai", "2026-12-09T12:30", "2026-12-09T13:30");
        var reader = await factory.CreateMemberAsync();
        await factory.SetZoneAsync(reader, zone);

        var page = await (await factory.CreateSignedInBrowserAsync(reader)).GetPageAsync($"/Workshops/{workshop.Id}");
        var shownOn = page.QuerySelectorAll(".timetable").Where(t => t.TextContent.Contains(session, StringComparison.Ordinal)).ToList();
        Assert.Equal(days, shownOn.Count);
        Assert.Equal(days == 2, page.QuerySelector(".timetable .badge") is not null);
    }
    [Fact]
    public async Task An_organiser_adds_a_member_as_organiser_who_may_then_manage_and_cancel_it()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var colleague = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, colleague);
        var workshop = await factory.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("W"), "Europe/Paris", "2026-12-08T09:00", "2026-12-08T12:00");
        var colleagueBrowser = await factory.CreateSignedInBrowserAsync(colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueBrowser.GetAsync($"/Workshops/{workshop.Id}/Edit")).StatusCode);

        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        await browser.SubmitAsync($"/Workshops/{workshop.Id}/Edit", new Dictionary<string, string> { ["organiserUserId"] = colleague.Id }, "form[action*='handler=AddOrganiser']");
        Assert.Equal(HttpStatusCode.OK, (await colleagueBrowser.GetAsync($"/Workshops/{workshop.Id}/Edit")).StatusCode);

        await colleagueBrowser.SubmitAsync($"/Workshops/{workshop.Id}/Edit", new Dictionary<string, string>(), "form[action*='handler=CancelWorkshop']");
        var stored = await factory.WithDbAsync(db => db.Workshops.AsNoTracking().SingleAsync(w => w.Id == workshop.Id));
        Assert.NotNull(stored.CancelledAt);
        Assert.Equal(1, stored.Sequence);
        var page = await browser.GetPageAsync($"/Workshops/{workshop.Id}");
        Assert.Contains("This workshop was cancelled.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Register']"));
    }
}
