using Dialogue.Web.Features.Workshops.Polls;
using NodaTime;

namespace Dialogue.Tests.Features.Workshops.Polls;

/// <summary>The zone rules on their own: gap, overlap, no daylight saving, and where the night begins and ends.</summary>
public sealed class PollTimesTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // London, spring: 01:30 is skipped and moves to 02:30 BST; autumn: 01:30 occurs twice and the first (BST) is used.
    [InlineData("Europe/London", "2027-03-28T01:30", "2027-03-28T02:30", "2027-03-28T01:30Z", PollTimes.Resolution.ShiftedForward)]
    [InlineData("Europe/London", "2027-10-31T01:30", "2027-10-31T01:30", "2027-10-31T00:30Z", PollTimes.Resolution.Earlier)]
    // New York, spring and autumn.
    [InlineData("America/New_York", "2027-03-14T02:15", "2027-03-14T03:15", "2027-03-14T07:15Z", PollTimes.Resolution.ShiftedForward)]
    [InlineData("America/New_York", "2027-11-07T01:15", "2027-11-07T01:15", "2027-11-07T05:15Z", PollTimes.Resolution.Earlier)]
    // Sydney: the southern hemisphere goes forward in October and back in April.
    [InlineData("Australia/Sydney", "2027-10-03T02:30", "2027-10-03T03:30", "2027-10-02T16:30Z", PollTimes.Resolution.ShiftedForward)]
    [InlineData("Australia/Sydney", "2027-04-04T02:30", "2027-04-04T02:30", "2027-04-03T15:30Z", PollTimes.Resolution.Earlier)]
    // Shanghai has no daylight saving: every time is exact.
    [InlineData("Asia/Shanghai", "2027-03-28T01:30", "2027-03-28T01:30", "2027-03-27T17:30Z", PollTimes.Resolution.Exact)]
    public void A_wall_clock_time_resolves_by_the_stated_rule(string zone, string local, string used, string instant, PollTimes.Resolution how)
    {
        var resolved = PollTimes.Resolve(PollTimes.ParseStored(local), PollTimes.Zone(zone)!);
        Assert.Equal(how, resolved.How);
        Assert.Equal(used, PollTimes.Store(resolved.Local));
        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), resolved.Instant.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(21, 0, 60, false)]  // ends at 22:00
    [InlineData(21, 30, 60, true)]  // runs into the night
    [InlineData(3, 0, 60, true)]
    [InlineData(6, 30, 30, true)]   // ends at 07:00, all of it before
    [InlineData(7, 0, 120, false)]
    [InlineData(23, 30, 30, true)]
    [InlineData(12, 0, 720, true)]  // a long slot that reaches 00:00
    public void A_slot_is_a_night_burden_when_any_part_of_it_lies_between_22_and_7(int hour, int minute, int duration, bool night)
    {
        var london = PollTimes.Zone("Europe/London")!;
        // January: London is on UTC, so the UTC hour is the local hour.
        Assert.Equal(night, PollTimes.IsNightBurden(Utc(1, 12, hour, minute), duration, london));
    }

    [Fact]
    public void Unknown_zones_are_refused_and_shown_times_fall_back_to_utc()
    {
        Assert.Null(PollTimes.Zone("Mars/Olympus_Mons"));
        Assert.Null(PollTimes.Zone(""));
        Assert.Equal(DateTimeZone.Utc, PollTimes.ZoneOrUtc("Not/AZone"));
        Assert.Equal("New York", PollTimes.City("America/New_York"));
    }
}
