using System.Globalization;
using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.Calendars;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops.Series;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Workshops;

public sealed class SeriesTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Space Space, DialogueUser Organiser)> SpaceWithOrganiserAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        await factory.AddToSpaceAsync(space.Id, organiser);
        return (space, organiser);
    }

    private static DateTimeOffset Utc(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static TheoryData<string, string, string[]> AcrossDaylightSaving() => new()
    {
        // London: clocks forward on 28 March 2027, back on 31 October.
        { "Europe/London", "2027-03-16T09:00", ["2027-03-16T09:00Z", "2027-03-23T09:00Z", "2027-03-30T08:00Z", "2027-04-06T08:00Z"] },
        { "Europe/London", "2027-10-19T09:00", ["2027-10-19T08:00Z", "2027-10-26T08:00Z", "2027-11-02T09:00Z"] },
        // New York: forward on 14 March, back on 7 November.
        { "America/New_York", "2027-03-09T09:00", ["2027-03-09T14:00Z", "2027-03-16T13:00Z", "2027-03-23T13:00Z"] },
        { "America/New_York", "2027-10-26T09:00", ["2027-10-26T13:00Z", "2027-11-02T13:00Z", "2027-11-09T14:00Z"] },
        // Sydney, the other hemisphere: back on 4 April, forward on 3 October.
        { "Australia/Sydney", "2027-03-30T09:00", ["2027-03-29T22:00Z", "2027-04-05T23:00Z"] },
        { "Australia/Sydney", "2027-09-28T09:00", ["2027-09-27T23:00Z", "2027-10-04T22:00Z"] },
        // Shanghai has no daylight saving: the instant never moves.
        { "Asia/Shanghai", "2027-03-09T09:00", ["2027-03-09T01:00Z", "2027-03-16T01:00Z", "2027-03-23T01:00Z", "2027-03-30T01:00Z"] },
        { "Asia/Shanghai", "2027-10-26T09:00", ["2027-10-26T01:00Z", "2027-11-02T01:00Z", "2027-11-09T01:00Z"] },
    };

    [Theory]
    [MemberData(nameof(AcrossDaylightSaving))]
    public async Task A_weekly_series_keeps_the_organisers_wall_clock_time_so_its_UTC_instant_moves_with_daylight_saving(string zone, string start, string[] expected)
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var end = start.Replace("T09:00", "T10:30", StringComparison.Ordinal);
        var series = await factory.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Weekly"), zone, start, end, SeriesWorld.Weekly(expected.Length));

        var occurrences = await factory.OccurrencesAsync(series.Id);
        Assert.Equal(expected.Select(Utc), occurrences.Select(o => o.StartsAt));
        Assert.Equal(expected.Select(e => Utc(e).AddMinutes(90)), occurrences.Select(o => o.EndsAt));
        Assert.All(occurrences, o => Assert.Equal((9, 0, zone), (o.LocalStart.Hour, o.LocalStart.Minute, o.TimeZoneId)));
        Assert.Single(occurrences.Select(o => o.ThreadId).Distinct());

        // The series calendar, read back by Ical.Net, gives the same instants.
        var ics = await factory.CreateBrowser().GetStringAsync($"/Workshops/Series/{series.Id}/calendar.ics");
        Assert.Equal(expected.Select(Utc), Instants(ics));
    }

    [Fact]
    public async Task A_monthly_series_falls_on_the_first_Tuesday_or_the_last_Friday_of_each_month()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var first = await factory.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("First Tuesday"), "Europe/Berlin",
            "2027-01-05T15:00", "2027-01-05T16:00", new SeriesForm { Repeats = SeriesRepeat.MonthlyNthWeekday, Ends = SeriesEnd.OnDate, Until = "2027-04-30" });
        Assert.Equal(["2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06"], Dates(await factory.OccurrencesAsync(first.Id)));

        var last = await factory.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Last Friday"), "Europe/Berlin",
            "2027-01-29T15:00", "2027-01-29T16:00", new SeriesForm { Repeats = SeriesRepeat.MonthlyLastWeekday, Ends = SeriesEnd.AfterCount, Count = 4 });
        Assert.Equal(["2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30"], Dates(await factory.OccurrencesAsync(last.Id)));
        var ics = await factory.CreateBrowser().GetStringAsync($"/Workshops/Series/{last.Id}/calendar.ics");
        Assert.Contains("RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=-1FR", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal((await factory.OccurrencesAsync(last.Id)).Select(o => o.StartsAt), Instants(ics));
    }

    [Fact]
    public async Task A_date_in_a_gap_is_shifted_forward_one_in_an_overlap_takes_the_earlier_instant_and_the_organiser_is_told()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var title = ThreadsWorld.Unique("Night owls");
        var response = await browser.SubmitAsync($"/Workshops/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.TimeZone"] = "Europe/London",
            // Sundays at 01:30: 28 March 2027 has no 01:30 in London, 31 October has two.
            ["Data.Start"] = "2027-03-21T01:30",
            ["Data.End"] = "2027-03-21T02:00",
            ["Repeat.Repeats"] = nameof(SeriesRepeat.Weekly),
            ["Repeat.Ends"] = nameof(SeriesEnd.OnDate),
            ["Repeat.Until"] = "2027-11-07",
        }, "form.workshop-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^/Workshops/Series/\d+$", response.RequestMessage!.RequestUri!.AbsolutePath);
        var status = (await response.ReadPageAsync()).QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("The series is scheduled: 34 workshops.", status, StringComparison.Ordinal);
        Assert.Contains("01:30 does not exist in Europe/London (the clocks go forward); that workshop starts at 02:30.", status, StringComparison.Ordinal);
        Assert.Contains("01:30 happens twice in Europe/London (the clocks go back); the earlier one, at UTC+01, was taken.", status, StringComparison.Ordinal);

        var seriesId = await factory.WithDbAsync(db => db.WorkshopSeries.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());
        var occurrences = await factory.OccurrencesAsync(seriesId);
        Assert.Equal(34, occurrences.Count);
        var gap = occurrences.Single(o => o.LocalStart.Date == new NodaTime.LocalDate(2027, 3, 28));
        Assert.Equal((Utc("2027-03-28T01:30Z"), Utc("2027-03-28T02:00Z")), (gap.StartsAt, gap.EndsAt));
        var overlap = occurrences.Single(o => o.LocalStart.Date == new NodaTime.LocalDate(2027, 10, 31));
        Assert.Equal(Utc("2027-10-31T00:30Z"), overlap.StartsAt);
        Assert.Equal(Utc("2027-03-21T01:30Z"), occurrences[0].StartsAt);
    }

    [Fact]
    public async Task Bad_recurrence_input_gets_a_message_on_each_field_and_saves_nothing()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var title = ThreadsWorld.Unique("Never saved");
        async Task<AngleSharp.Html.Dom.IHtmlDocument> SubmitAsync(string start, Dictionary<string, string> repeat)
        {
            var fields = new Dictionary<string, string>(repeat)
            {
                ["Data.Title"] = title,
                ["Data.TimeZone"] = "Europe/London",
                ["Data.Start"] = start + "T09:00",
                ["Data.End"] = start + "T10:00",
            };
            var response = await browser.SubmitAsync($"/Workshops/New?spaceId={space.Id}", fields, "form.workshop-form");
            Assert.Equal($"/Workshops/New", response.RequestMessage!.RequestUri!.AbsolutePath);
            return await response.ReadPageAsync();
        }
        string ErrorOf(AngleSharp.Html.Dom.IHtmlDocument page, string id) => page.QuerySelector($"#{id}")!.TextContent;

        var tooFew = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Weekly", ["Repeat.Ends"] = "AfterCount", ["Repeat.Count"] = "1" });
        Assert.Contains("A series has from 2 to 52 workshops.", ErrorOf(tooFew, "Repeat_Count-error"), StringComparison.Ordinal);

        var endsBefore = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Weekly", ["Repeat.Ends"] = "OnDate", ["Repeat.Until"] = "2027-01-01" });
        Assert.Contains("The series cannot end before its first workshop.", ErrorOf(endsBefore, "Repeat_Until-error"), StringComparison.Ordinal);

        var single = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Fortnightly", ["Repeat.Ends"] = "OnDate", ["Repeat.Until"] = "2027-01-12" });
        Assert.Contains("That gives a single workshop", ErrorOf(single, "Repeat_Until-error"), StringComparison.Ordinal);

        var tooMany = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Weekly", ["Repeat.Ends"] = "OnDate", ["Repeat.Until"] = "2028-06-01" });
        Assert.Contains("That gives more than 52 workshops", ErrorOf(tooMany, "Repeat_Until-error"), StringComparison.Ordinal);

        var notADate = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Weekly", ["Repeat.Ends"] = "OnDate", ["Repeat.Until"] = "soon" });
        Assert.Contains("Enter the last date as a date", ErrorOf(notADate, "Repeat_Until-error"), StringComparison.Ordinal);

        // 29 January 2027 is the fifth Friday of its month; 22 January is not the last one.
        var fifth = await SubmitAsync("2027-01-29", new() { ["Repeat.Repeats"] = "MonthlyNthWeekday", ["Repeat.Ends"] = "AfterCount", ["Repeat.Count"] = "3" });
        Assert.Contains("which not every month has", ErrorOf(fifth, "Repeat_Repeats-error"), StringComparison.Ordinal);
        var notLast = await SubmitAsync("2027-01-22", new() { ["Repeat.Repeats"] = "MonthlyLastWeekday", ["Repeat.Ends"] = "AfterCount", ["Repeat.Count"] = "3" });
        Assert.Contains("is not the last", ErrorOf(notLast, "Repeat_Repeats-error"), StringComparison.Ordinal);

        var unknown = await SubmitAsync("2027-01-05", new() { ["Repeat.Repeats"] = "Hourly" });
        Assert.NotEmpty(ErrorOf(unknown, "Repeat_Repeats-error"));

        Assert.False(await factory.WithDbAsync(db => db.Workshops.AnyAsync(w => w.Title == title)));
        Assert.False(await factory.WithDbAsync(db => db.WorkshopSeries.AnyAsync(s => s.Title == title)));
    }

    [Fact]
    public async Task Editing_one_occurrence_changes_only_it_and_this_and_following_regenerates_later_dates_keeping_registrations_where_the_date_stays()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var member = await factory.CreateMemberAsync();
        var title = ThreadsWorld.Unique("Tuesday seminar");
        var series = await factory.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, title, "Europe/London", "2027-01-05T09:00", "2027-01-05T10:00", SeriesWorld.Weekly(5));
        var before = await factory.OccurrencesAsync(series.Id);
        await factory.RegisterAsync(before[3].Id, member);
        await factory.RegisterAsync(before[4].Id, member);
        var browser = await factory.CreateSignedInBrowserAsync(organiser);

        // This occurrence only: 12 January moves to 10:00, nothing else does.
        var only = await browser.SubmitAsync($"/Workshops/{before[1].Id}/Edit", new Dictionary<string, string>
        {
            ["Data.Start"] = "2027-01-12T10:00",
            ["Data.End"] = "2027-01-12T11:00",
        }, "form.workshop-form");
        Assert.Equal($"/Workshops/{before[1].Id}", only.RequestMessage!.RequestUri!.AbsolutePath);
        var afterOnly = await factory.OccurrencesAsync(series.Id);
        Assert.Equal([9, 10, 9, 9, 9], afterOnly.Select(o => o.LocalStart.Hour));
        Assert.Equal(before.Select(o => o.Id), afterOnly.Select(o => o.Id));

        // This and all following, from 19 January, at 11:00 on the same weekday: same dates, same workshops, same registrations.
        var following = await browser.SubmitAsync($"/Workshops/{before[2].Id}/Edit", new Dictionary<string, string>
        {
            ["Data.Start"] = "2027-01-19T11:00",
            ["Data.End"] = "2027-01-19T12:30",
            ["SeriesScope"] = SeriesEditor.Following,
        }, "form.workshop-form");
        Assert.Contains("This workshop and the 2 following ones are saved.", (await following.ReadPageAsync()).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var earlier = await factory.OccurrencesAsync(series.Id);
        Assert.Equal(before.Take(2).Select(o => o.Id), earlier.Select(o => o.Id));
        var splitId = await factory.WithDbAsync(db => db.Workshops.Where(w => w.Id == before[2].Id).Select(w => w.SeriesId!.Value).SingleAsync());
        Assert.NotEqual(series.Id, splitId);
        var later = await factory.OccurrencesAsync(splitId);
        Assert.Equal(before.Skip(2).Select(o => o.Id), later.Select(o => o.Id));
        Assert.All(later, o => Assert.Equal((11, 90), (o.LocalStart.Hour, (int)(o.EndsAt - o.StartsAt).TotalMinutes)));
        Assert.Equal(WorkshopRegistrationStatus.Registered, (await factory.StatusesAsync(before[3].Id))[member.Id]);

        // Following again, moved to Wednesdays: 20 January keeps its workshop (the edited one), 27 January and 3 February are
        // new dates; the Tuesdays 26 January and 2 February are cancelled, their registrations kept.
        await browser.SubmitAsync($"/Workshops/{before[2].Id}/Edit", new Dictionary<string, string>
        {
            ["Data.Start"] = "2027-01-20T11:00",
            ["Data.End"] = "2027-01-20T12:00",
            ["SeriesScope"] = SeriesEditor.Following,
        }, "form.workshop-form");
        var wednesdays = await factory.OccurrencesAsync(splitId);
        Assert.Equal(["2027-01-20", "2027-01-27", "2027-02-03"], Dates(wednesdays));
        Assert.Equal(before[2].Id, wednesdays[0].Id);
        Assert.DoesNotContain(before[3].Id, wednesdays.Select(o => o.Id));
        var gone = await factory.WithDbAsync(db => db.Workshops.AsNoTracking().Where(w => w.Id == before[3].Id || w.Id == before[4].Id).ToListAsync());
        Assert.All(gone, w => Assert.NotNull(w.CancelledAt));
        Assert.Equal(WorkshopRegistrationStatus.Registered, (await factory.StatusesAsync(before[4].Id))[member.Id]);

        // The series page lists all of it in order, the cancelled Tuesdays marked.
        var page = await browser.GetPageAsync($"/Workshops/Series/{splitId}");
        Assert.Equal(5, page.QuerySelectorAll(".series-occurrences .workshop-row").Length);
        Assert.Equal(2, page.QuerySelectorAll(".series-occurrences .workshop-row.cancelled").Length);
    }

    [Fact]
    public async Task The_series_calendar_has_a_stable_uid_a_timezone_an_rrule_an_exdate_and_a_recurrence_id_and_its_sequence_grows_with_each_change()
    {
        var (space, organiser) = await SpaceWithOrganiserAsync();
        var series = await factory.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Calendar"), "America/New_York",
            "2027-03-02T09:00", "2027-03-02T10:00", SeriesWorld.Weekly(4));
        var occurrences = await factory.OccurrencesAsync(series.Id);
        var anonymous = factory.CreateBrowser();
        var first = CalendarWorld.Parse(await anonymous.GetStringAsync($"/Workshops/Series/{series.Id}/calendar.ics"));
        var master = Assert.Single(first.Events);
        Assert.Equal("America/New_York", Assert.Single(first.TimeZones).TzId);
        Assert.StartsWith($"series-{series.Id}@", master.Uid, StringComparison.Ordinal);
        Assert.Equal("FREQ=WEEKLY;COUNT=4;BYDAY=TU", master.RecurrenceRule!.ToString());

        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        await browser.SubmitAsync($"/Workshops/{occurrences[1].Id}/Edit", new Dictionary<string, string>(), "form[action$='handler=CancelWorkshop']");
        await browser.SubmitAsync($"/Workshops/{occurrences[2].Id}/Edit", new Dictionary<string, string>
        {
            ["Data.Start"] = "2027-03-16T14:00",
            ["Data.End"] = "2027-03-16T15:00",
        }, "form.workshop-form");

        var ics = await anonymous.GetStringAsync($"/Workshops/Series/{series.Id}/calendar.ics");
        var second = CalendarWorld.Parse(ics);
        var again = second.Events.Single(e => e.RecurrenceIdentifier is null);
        Assert.Equal(master.Uid, again.Uid);
        Assert.True(again.Sequence > master.Sequence, $"SEQUENCE {again.Sequence} after the changes, {master.Sequence} before");
        var exdate = Assert.Single(again.ExceptionDates.GetAllDates());
        Assert.Equal(Utc("2027-03-09T14:00Z"), exdate.AsUtc);
        var changed = second.Events.Single(e => e.RecurrenceIdentifier is not null);
        Assert.Equal(master.Uid, changed.Uid);
        Assert.Equal(Utc("2027-03-16T13:00Z"), changed.RecurrenceIdentifier!.StartTime.AsUtc);
        Assert.Equal(Utc("2027-03-16T18:00Z"), changed.DtStart!.AsUtc);

        // Expanded by Ical.Net, the calendar gives exactly the occurrences that still take place, at their instants.
        var live = await factory.WithDbAsync(db => db.Workshops.AsNoTracking().Where(w => w.SeriesId == series.Id && w.CancelledAt == null)
            .OrderBy(w => w.StartsAt).Select(w => w.StartsAt).ToListAsync());
        Assert.Equal(live, Instants(ics));
        Assert.Equal([Utc("2027-03-02T14:00Z"), Utc("2027-03-16T18:00Z"), Utc("2027-03-23T13:00Z")], live);
    }

    private static string[] Dates(IEnumerable<Workshop> occurrences) =>
        [.. occurrences.Select(o => o.LocalStart.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    /// <summary>The start instants of every occurrence the calendar gives, as a calendar client expands it.</summary>
    private static List<DateTimeOffset> Instants(string ics) =>
        [.. CalendarWorld.Parse(ics).GetOccurrences(new CalDateTime(2026, 1, 1, 0, 0, 0, "UTC"))
            .TakeWhile(o => o.Period.StartTime.AsUtc < new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .Select(o => new DateTimeOffset(o.Period.StartTime.AsUtc, TimeSpan.Zero))
            .OrderBy(i => i)];
}
