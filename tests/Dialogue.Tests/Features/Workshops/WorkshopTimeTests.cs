using Dialogue.Web.Features.Workshops;
using NodaTime;

namespace Dialogue.Tests.Features.Workshops;

public sealed class WorkshopTimeTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T01:00:00Z")]
    [InlineData("America/New_York", "2026-12-08T09:00", "2026-12-08T14:00:00Z")]
    [InlineData("America/New_York", "2026-07-08T09:00", "2026-07-08T13:00:00Z")]
    [InlineData("Australia/Sydney", "2026-12-08T09:00", "2026-12-07T22:00:00Z")]
    [InlineData("Europe/London", "2026-07-08T09:00", "2026-07-08T08:00:00Z")]
    public void A_wall_clock_time_in_the_planners_zone_becomes_the_instant_that_zone_gives_it(string zone, string local, string utc) =>
        Assert.Equal(Utc(utc), WorkshopTime.ToInstant(WorkshopTime.ParseInput(local)!.Value, DateTimeZoneProviders.Tzdb[zone]));

    [Fact]
    public void A_time_skipped_by_the_spring_change_moves_forward_by_the_gap()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var skipped = WorkshopTime.ParseInput("2026-03-29T01:30")!.Value;
        Assert.True(WorkshopTime.IsAmbiguousOrSkipped(skipped, london));
        Assert.Equal(Utc("2026-03-29T01:30:00Z"), WorkshopTime.ToInstant(skipped, london)); // 02:30 BST
    }

    [Fact]
    public void A_time_repeated_by_the_autumn_change_is_the_earlier_of_the_two()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var repeated = WorkshopTime.ParseInput("2026-11-01T01:30")!.Value;
        Assert.True(WorkshopTime.IsAmbiguousOrSkipped(repeated, newYork));
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), WorkshopTime.ToInstant(repeated, newYork)); // still EDT, UTC-4
    }

    /// <summary>
    /// A session planned in Beijing from 12:30 to 13:30 on Wednesday 9 December 2026 (04:30–05:30 UTC), seen from four zones:
    /// it crosses midnight only for a reader in New York, and appears on both of their days.
    /// </summary>
    [Theory]
    [InlineData("Asia/Shanghai", new[] { "2026-12-09" })]
    [InlineData("Europe/London", new[] { "2026-12-09" })]
    [InlineData("America/New_York", new[] { "2026-12-08", "2026-12-09" })]
    [InlineData("Pacific/Honolulu", new[] { "2026-12-08" })]
    [InlineData("America/Los_Angeles", new[] { "2026-12-08" })]
    public void A_session_is_on_every_local_day_it_touches(string zone, string[] days)
    {
        var touched = WorkshopTime.DaysTouched(Utc("2026-12-09T04:30:00Z"), Utc("2026-12-09T05:30:00Z"), DateTimeZoneProviders.Tzdb[zone]);
        Assert.Equal(days, touched.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_session_ending_at_midnight_belongs_to_one_day_and_one_crossing_it_is_marked_on_both()
    {
        var utc = DateTimeZone.Utc;
        var sessions = new[]
        {
            (Title: "until midnight", Start: Utc("2026-12-08T22:00:00Z"), End: Utc("2026-12-09T00:00:00Z")),
            (Title: "across midnight", Start: Utc("2026-12-08T23:30:00Z"), End: Utc("2026-12-09T00:30:00Z")),
        };
        var days = Timetable.ByLocalDay(sessions, s => s.Start, s => s.End, utc);

        Assert.Equal(2, days.Count);
        Assert.Equal(["until midnight", "across midnight"], days[0].Entries.Select(e => e.Session.Title));
        var continued = Assert.Single(days[1].Entries);
        Assert.Equal(("across midnight", true, false), (continued.Session.Title, continued.ContinuesFromPreviousDay, continued.ContinuesNextDay));
        Assert.True(days[0].Entries[1].ContinuesNextDay);
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-12-08T01:00:00Z", "Shanghai (CST)")]
    [InlineData("America/New_York", "2026-12-08T01:00:00Z", "New York (EST)")]
    [InlineData("America/New_York", "2026-07-08T01:00:00Z", "New York (EDT)")]
    [InlineData("UTC", "2026-07-08T01:00:00Z", "UTC")]
    public void A_zone_is_named_by_its_city_and_the_abbreviation_in_force(string zone, string at, string expected) =>
        Assert.Equal(expected, WorkshopTime.ZoneLabel(DateTimeZoneProviders.Tzdb[zone], Utc(at)));
}
