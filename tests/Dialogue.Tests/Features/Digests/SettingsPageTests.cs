using System.Net;
using AngleSharp.Dom;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Digests;

public sealed class SettingsPageTests
{
    [Fact]
    public async Task Member_chooses_a_daily_digest_at_8_in_their_zone_and_gets_it_at_8_there()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        await factory.SetZoneAsync(member.Id, "Asia/Shanghai");
        var client = await factory.SignedInClientAsync(member);

        var page = await client.GetPageAsync("/Digests/Settings");
        Assert.Contains("Asia/Shanghai", page.QuerySelector("#zone-hint")!.TextContent, StringComparison.Ordinal);
        var response = await client.SubmitAsync(page, "/Digests/Settings", new Dictionary<string, string>
        {
            ["Data.Frequency"] = nameof(DigestFrequency.Daily),
            ["Data.LocalHour"] = "8",
        });
        var saved = await response.ReadPageAsync();
        Assert.Contains("saved", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("8", saved.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Data_LocalHour")!.Value);

        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Morning news"));
        // 08:00 on 24 November in Shanghai is 00:00 UTC.
        await factory.RunUntilAsync(new DateTimeOffset(2026, 11, 23, 23, 45, 0, TimeSpan.Zero));
        Assert.Empty(await factory.DigestsToAsync(member.Email!));
        await factory.RunUntilAsync(new DateTimeOffset(2026, 11, 24, 0, 15, 0, TimeSpan.Zero));
        var digest = Assert.Single(await factory.DigestsToAsync(member.Email!));
        Assert.Contains("Morning news", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal("D:2026-11-24", Assert.Single(await factory.LedgerOfAsync(member.Id)).PeriodKey);
    }

    [Fact]
    public async Task Settings_say_when_the_next_weekly_digest_arrives_in_the_members_zone()
    {
        await using var factory = new DigestsFactory();
        // The clock is Monday 23 November 09:00 UTC; Wednesday 10:00 in Shanghai is 02:00 UTC that day.
        var member = await factory.MemberWithDigestAsync(DigestFrequency.Weekly, hour: 10, zone: "Asia/Shanghai", weekday: DayOfWeek.Wednesday);
        var client = await factory.SignedInClientAsync(member);

        var page = await client.GetPageAsync("/Digests/Settings");

        var next = page.QuerySelector("#next-digest")!.TextContent;
        Assert.Contains("Wednesday", next, StringComparison.Ordinal);
        Assert.Contains("25", next, StringComparison.Ordinal);
        Assert.Contains("10:00", next, StringComparison.Ordinal);
        Assert.Contains("Asia/Shanghai", next, StringComparison.Ordinal);
        // The weekday field stays in the page for readers without script; the static script hides it unless weekly.
        Assert.NotNull(page.QuerySelector("#weekday-field select[name='Data.Weekday']"));
        var script = page.QuerySelector("script[src^='/js/digest-settings.js']")!.GetAttribute("src")!;
        var served = await client.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("weekday-field", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_say_no_digest_is_coming_when_it_is_off()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(DigestFrequency.Off);
        var client = await factory.SignedInClientAsync(member);

        var page = await client.GetPageAsync("/Digests/Settings");

        Assert.Contains("No digest is scheduled for you.", page.QuerySelector("#next-digest")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hour_outside_the_day_is_refused_and_nothing_is_saved()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        var client = await factory.SignedInClientAsync(member);

        var response = await client.SubmitAsync("/Digests/Settings", new Dictionary<string, string>
        {
            ["Data.Frequency"] = nameof(DigestFrequency.Daily),
            ["Data.LocalHour"] = "24",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("Choose an hour from 0 to 23.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.DigestSubscriptions.AnyAsync(s => s.UserId == member.Id)));
    }

    [Fact]
    public async Task Turning_the_digest_off_stops_it()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var client = await factory.SignedInClientAsync(member);
        await client.SubmitAsync("/Digests/Settings", new Dictionary<string, string> { ["Data.Frequency"] = nameof(DigestFrequency.Off) });

        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Unread news"));
        await factory.RunUntilAsync(factory.Clock.GetUtcNow().AddDays(2), TimeSpan.FromHours(1));

        Assert.Empty(await factory.DigestsToAsync(member.Email!));
        Assert.Null(await factory.WithDbAsync(db => db.DigestSubscriptions.Where(s => s.UserId == member.Id).Select(s => s.NextDueAt).SingleAsync()));
    }

    [Fact]
    public async Task Settings_need_a_signed_in_member()
    {
        await using var factory = new DigestsFactory();
        var response = await factory.CreateBrowser(followRedirects: false).GetAsync("/Digests/Settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_page_speaks_the_members_language()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.UiCulture, "zh-Hans")));
        var page = await (await factory.SignedInClientAsync(member)).GetPageAsync("/Digests/Settings");
        Assert.Equal("电子邮件摘要", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("每天", page.QuerySelector("label[for=frequency-daily]")!.TextContent);
    }
}
