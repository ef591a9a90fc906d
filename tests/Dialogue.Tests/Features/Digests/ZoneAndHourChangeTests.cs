using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Digests;

/// <summary>
/// A member who changes zone or hour neither loses nor doubles a period: period keys (local dates) follow each other
/// without a gap or a repeat, and the content windows join end to end, so every item is in exactly one digest.
/// </summary>
public sealed class ZoneAndHourChangeTests
{
    private static DateTimeOffset Utc(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    /// <summary>Something happens every step, so no digest is empty.</summary>
    private static Func<DateTimeOffset, Task> NewsFor(DialogueUser member) => now =>
    {
        TestSection.Add(member.Email!, now.AddSeconds(-1), TestSection.Item(SensitivityLabel.Clear, "News at " + now.ToString("u", System.Globalization.CultureInfo.InvariantCulture)));
        return Task.CompletedTask;
    };

    private static void AssertConsecutiveDailyKeys(List<DigestLedgerEntry> ledger, string first, string last)
    {
        var expected = new List<string>();
        for (var d = DateOnly.ParseExact(first[2..], "yyyy-MM-dd"); d <= DateOnly.ParseExact(last[2..], "yyyy-MM-dd"); d = d.AddDays(1))
        {
            expected.Add(DigestSchedule.KeyOf(DigestFrequency.Daily, d));
        }
        Assert.Equal(expected, ledger.Select(l => l.PeriodKey));
    }

    private static void AssertWindowsJoin(List<DigestLedgerEntry> ledger)
    {
        Assert.All(ledger, l => Assert.Equal(DigestLedgerStatus.Queued, l.Status));
        for (var i = 1; i < ledger.Count; i++)
        {
            Assert.Equal(ledger[i - 1].Until, ledger[i].Since);
        }
    }

    private static void AssertDeliveredAtLocalHour(DigestLedgerEntry entry, string zone, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(entry.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.True(local.Hour == hour && local.Minute <= 15, $"{entry.PeriodKey} went out at {local:yyyy-MM-dd HH:mm} in {zone}, not at {hour}:00");
        Assert.Equal(entry.PeriodKey, DigestSchedule.KeyOf(DigestFrequency.Daily, DateOnly.FromDateTime(local.DateTime)));
    }

    [Fact]
    public async Task Member_who_moves_west_across_many_zones_gets_every_local_date_once()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 8, zone: "Asia/Shanghai");
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(25, 6), atEachStep: news);
        await factory.SetZoneAsync(member.Id, "America/New_York");
        await factory.RunUntilAsync(Utc(28, 14), atEachStep: news);

        var ledger = await factory.LedgerOfAsync(member.Id);
        AssertConsecutiveDailyKeys(ledger, "D:2026-11-24", "D:2026-11-28");
        AssertWindowsJoin(ledger);
        AssertDeliveredAtLocalHour(ledger[0], "Asia/Shanghai", 8);
        AssertDeliveredAtLocalHour(ledger[1], "Asia/Shanghai", 8);
        Assert.All(ledger.Skip(2), l => AssertDeliveredAtLocalHour(l, "America/New_York", 8));
        Assert.Equal(ledger.Count, (await factory.DigestsToAsync(member.Email!)).Count);
    }

    [Fact]
    public async Task Member_who_moves_east_gets_every_local_date_once()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 8, zone: "America/New_York");
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(24, 14), atEachStep: news);
        await factory.SetZoneAsync(member.Id, "Asia/Tokyo");
        await factory.RunUntilAsync(Utc(26, 12), atEachStep: news);

        var ledger = await factory.LedgerOfAsync(member.Id);
        AssertConsecutiveDailyKeys(ledger, "D:2026-11-23", "D:2026-11-26");
        AssertWindowsJoin(ledger);
        AssertDeliveredAtLocalHour(ledger[1], "America/New_York", 8);
        AssertDeliveredAtLocalHour(ledger[2], "Asia/Tokyo", 8);
        AssertDeliveredAtLocalHour(ledger[3], "Asia/Tokyo", 8);
        Assert.Equal(ledger.Count, (await factory.DigestsToAsync(member.Email!)).Count);
    }

    [Fact]
    public async Task Moving_the_hour_later_after_todays_digest_does_not_send_a_second_one_today()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 8);
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(24, 10), atEachStep: news);
        await factory.SetDigestAsync(member.Id, DigestFrequency.Daily, hour: 18);
        await factory.RunUntilAsync(Utc(25, 19), atEachStep: news);

        var ledger = await factory.LedgerOfAsync(member.Id);
        AssertConsecutiveDailyKeys(ledger, "D:2026-11-24", "D:2026-11-25");
        AssertWindowsJoin(ledger);
        AssertDeliveredAtLocalHour(ledger[0], "UTC", 8);
        AssertDeliveredAtLocalHour(ledger[1], "UTC", 18);
    }

    [Fact]
    public async Task Moving_the_hour_earlier_than_now_delivers_todays_digest_at_once_and_only_once()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 18);
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(24, 10), atEachStep: news);
        Assert.Equal(["D:2026-11-23"], (await factory.LedgerOfAsync(member.Id)).Select(l => l.PeriodKey));
        await factory.SetDigestAsync(member.Id, DigestFrequency.Daily, hour: 8);
        await factory.RunUntilAsync(Utc(25, 9), atEachStep: news);

        var ledger = await factory.LedgerOfAsync(member.Id);
        AssertConsecutiveDailyKeys(ledger, "D:2026-11-23", "D:2026-11-25");
        AssertWindowsJoin(ledger);
        var today = ledger[1];
        Assert.InRange(today.CreatedAt, Utc(24, 10), Utc(24, 10).AddMinutes(15));
        AssertDeliveredAtLocalHour(ledger[2], "UTC", 8);
    }

    [Fact]
    public async Task Switching_from_daily_to_weekly_starts_with_the_next_weekday_not_at_once()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 8);
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(25, 10), atEachStep: news); // Wednesday
        await factory.SetDigestAsync(member.Id, DigestFrequency.Weekly, hour: 8, DayOfWeek.Monday);
        await factory.RunUntilAsync(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), atEachStep: news);

        var ledger = await factory.LedgerOfAsync(member.Id);
        Assert.Equal(["D:2026-11-24", "D:2026-11-25", "W:2026-W49"], ledger.Select(l => l.PeriodKey));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero), ledger[2].CreatedAt.AddMinutes(-ledger[2].CreatedAt.Minute));
        AssertWindowsJoin(ledger);
    }

    [Fact]
    public async Task A_zone_the_machine_does_not_know_falls_back_to_UTC_without_being_rescheduled_at_every_scan()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10, zone: "Atlantis/Capital");
        var news = NewsFor(member);

        await factory.RunUntilAsync(Utc(23, 10).AddMinutes(15), atEachStep: news);
        var ledger = await factory.LedgerOfAsync(member.Id);
        AssertDeliveredAtLocalHour(Assert.Single(ledger), "UTC", 10);

        await factory.RunUntilAsync(Utc(23, 11), atEachStep: news);
        var nextDueAt = await factory.WithDbAsync(db => db.DigestSubscriptions.Where(s => s.UserId == member.Id).Select(s => s.NextDueAt).SingleAsync());
        Assert.Equal(Utc(24, 10), nextDueAt);
    }
}
