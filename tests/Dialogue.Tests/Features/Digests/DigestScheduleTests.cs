using Dialogue.Data.Digests;
using Dialogue.Web.Features.Digests;

namespace Dialogue.Tests.Features.Digests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Daily_period_key_is_the_local_date_of_delivery_not_the_UTC_date()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Daily, DayOfWeek.Monday, 8, Shanghai);
        // 00:30 UTC on 24 November is 08:30 in Shanghai, on the 24th; 23:30 UTC on the 23rd is 07:30 there, on the 24th.
        Assert.Equal("D:2026-11-24", DigestSchedule.LatestAtOrBefore(spec, Utc(11, 24, 0, 30)).Key);
        Assert.Equal("D:2026-11-23", DigestSchedule.LatestAtOrBefore(spec, Utc(11, 23, 23, 30)).Key);
        Assert.Equal(Utc(11, 24, 0), DigestSchedule.LatestAtOrBefore(spec, Utc(11, 24, 0, 30)).DueAt);
    }

    [Theory]
    [InlineData(2026, 1, 4, "W:2026-W01")]   // a Sunday: still the first ISO week of 2026
    [InlineData(2027, 1, 1, "W:2026-W53")]   // a Friday in 2027 that belongs to 2026's last ISO week
    [InlineData(2026, 11, 23, "W:2026-W48")]
    public void Weekly_period_key_is_the_ISO_week_of_the_local_date(int year, int month, int day, string key) =>
        Assert.Equal(key, DigestSchedule.KeyOf(DigestFrequency.Weekly, new DateOnly(year, month, day)));

    [Fact]
    public void Weekly_digest_is_due_on_the_chosen_weekday_at_the_chosen_hour()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Weekly, DayOfWeek.Wednesday, 9, NewYork);
        // Wednesday 25 November 2026, 09:00 in New York is 14:00 UTC.
        var before = DigestSchedule.Decide(spec, Utc(11, 25, 13, 55), Utc(11, 1, 0), last: new LedgerMark("W:2026-W47", DigestLedgerStatus.Sent, null, 1), maxAttempts: 5);
        Assert.Equal(Utc(11, 25, 14), Assert.IsType<DigestDecision.NotDue>(before).CheckAgainAt);
        var after = DigestSchedule.Decide(spec, Utc(11, 25, 14, 5), Utc(11, 1, 0), last: new LedgerMark("W:2026-W47", DigestLedgerStatus.Sent, null, 1), maxAttempts: 5);
        Assert.Equal("W:2026-W48", Assert.IsType<DigestDecision.Due>(after).Period.Key);
    }

    [Fact]
    public void An_hour_skipped_by_daylight_saving_falls_on_the_first_instant_after_the_gap()
    {
        // 8 March 2026, New York: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
        Assert.Equal(Utc(3, 8, 7), DigestSchedule.OccurrenceOn(new DateOnly(2026, 3, 8), 2, NewYork));
        // 1 November 2026: 01:00 happens twice; the first (EDT, 05:00 UTC) counts.
        Assert.Equal(Utc(11, 1, 5), DigestSchedule.OccurrenceOn(new DateOnly(2026, 11, 1), 1, NewYork));
    }

    [Fact]
    public void A_schedule_started_after_todays_hour_waits_for_tomorrow()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Daily, DayOfWeek.Monday, 8, TimeZoneInfo.Utc);
        var decision = DigestSchedule.Decide(spec, Utc(11, 23, 10), scheduleStartsAt: Utc(11, 23, 9, 30), last: null, maxAttempts: 5);
        Assert.Equal(Utc(11, 24, 8), Assert.IsType<DigestDecision.NotDue>(decision).CheckAgainAt);
    }

    [Fact]
    public void A_period_already_in_the_ledger_is_not_due_again()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Daily, DayOfWeek.Monday, 8, TimeZoneInfo.Utc);
        var decision = DigestSchedule.Decide(spec, Utc(11, 23, 10), Utc(11, 1, 0), new LedgerMark("D:2026-11-23", DigestLedgerStatus.SkippedEmpty, null, 1), 5);
        Assert.Equal(Utc(11, 24, 8), Assert.IsType<DigestDecision.NotDue>(decision).CheckAgainAt);
    }

    [Fact]
    public void A_period_held_by_a_live_worker_waits_and_a_dead_workers_period_is_reclaimed()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Daily, DayOfWeek.Monday, 8, TimeZoneInfo.Utc);
        var held = new LedgerMark("D:2026-11-23", DigestLedgerStatus.Building, Utc(11, 23, 10, 10), 1);
        Assert.IsType<DigestDecision.NotDue>(DigestSchedule.Decide(spec, Utc(11, 23, 10), Utc(11, 1, 0), held, 5));
        var reclaim = Assert.IsType<DigestDecision.Due>(DigestSchedule.Decide(spec, Utc(11, 23, 10, 11), Utc(11, 1, 0), held, 5));
        Assert.True(reclaim.Reclaim);
        Assert.Equal("D:2026-11-23", reclaim.Period.Key);
    }

    [Fact]
    public void A_period_that_failed_every_attempt_is_left_and_the_next_one_is_scheduled()
    {
        var spec = new DigestScheduleSpec(DigestFrequency.Daily, DayOfWeek.Monday, 8, TimeZoneInfo.Utc);
        var failed = new LedgerMark("D:2026-11-23", DigestLedgerStatus.Failed, null, 5);
        Assert.Equal(Utc(11, 24, 8), Assert.IsType<DigestDecision.NotDue>(DigestSchedule.Decide(spec, Utc(11, 23, 12), Utc(11, 1, 0), failed, 5)).CheckAgainAt);
    }
}
