using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class DigestsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Member_sets_a_daily_digest_at_8_in_their_zone_and_it_arrives_at_8_there_with_the_new_thread()
    {
        var app = fixture.App;
        var member = await app.CreateMemberAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, "Asia/Tokyo")));
        var (name, value) = await app.AuthCookieAsync(member);
        var page = await fixture.NewPageAsync(timeZone: "Asia/Tokyo");
        await page.Context.AddCookiesAsync([new Cookie { Name = name, Value = value, Url = fixture.BaseUrl }]);

        await page.GotoAsync("/Digests/Settings");
        Assert.Contains("Asia/Tokyo", await page.Locator("#zone-hint").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Daily").CheckAsync();
        await page.GetByLabel("Hour of delivery").SelectOptionAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("saved", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        var author = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Green);
        await app.AddToSpaceAsync(space.Id, author);
        var title = ThreadsWorld.Unique("Morning reading");
        // The shared app's clock stands still, so threads of earlier tests share its instant; this one is newer.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.StartThreadAsync(space.Id, author, SensitivityLabel.Green, title, "Worth reading over breakfast.");

        // 08:00 in Tokyo is 23:00 UTC the day before: run the digest jobs just before, then just after.
        var now = app.Clock.GetUtcNow();
        var eight = new DateTimeOffset(now.Year, now.Month, now.Day, 23, 0, 0, TimeSpan.Zero);
        if (eight <= now)
        {
            eight = eight.AddDays(1);
        }
        app.Clock.Advance(eight - now - TimeSpan.FromMinutes(5));
        await RunDigestJobsAsync(app);
        Assert.DoesNotContain(await app.OutboxToAsync(member.Email!), m => m.Kind == DigestDelivery.OutboxKind);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await RunDigestJobsAsync(app);

        var digest = Assert.Single(await app.OutboxToAsync(member.Email!), m => m.Kind == DigestDelivery.OutboxKind);
        Assert.Equal("[TLP:GREEN] Dialogue daily digest", digest.Subject);
        Assert.Contains(title, digest.TextBody, StringComparison.Ordinal);

        await page.GotoAsync(fixture.Local(Links.In(digest.HtmlBody).First(l => l.Contains("/Digests/View/", StringComparison.Ordinal))));
        Assert.Contains(title, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Theory]
    [InlineData("/Digests/Subscribe")]
    [InlineData("/Digests/Unsubscribe?token=not-a-token")]
    [InlineData("/Digests/Confirm?token=not-a-token")]
    public async Task Public_digest_pages_have_no_serious_accessibility_violations(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        await page.AssertNoSeriousViolationsAsync();
    }

    private static async Task RunDigestJobsAsync(DialogueFactory app)
    {
        var batches = await app.WithScopeAsync(sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));
        foreach (var batch in batches)
        {
            await app.WithScopeAsync(sp => sp.GetRequiredService<DigestBatchJob>().RunAsync(batch.Kind, batch.Ids, CancellationToken.None));
        }
    }
}
