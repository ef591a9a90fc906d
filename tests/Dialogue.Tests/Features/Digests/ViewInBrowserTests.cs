using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;

namespace Dialogue.Tests.Features.Digests;

public sealed class ViewInBrowserTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_member_sees_their_own_digest_and_anyone_else_gets_404()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var other = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Amber, "Amber headline", "Amber excerpt", "Amber body"));
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Red, "Red headline"));
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        var link = await factory.LinkInLatestEmailAsync(member.Email!, "/Digests/View/");
        var path = Links.PathOf(link);

        var own = await (await factory.SignedInClientAsync(member)).GetPageAsync(path);
        Assert.Equal("[TLP:RED] Dialogue daily digest", own.QuerySelector("h1")!.TextContent);
        var text = own.QuerySelector("main")!.TextContent;
        Assert.Contains("Amber headline", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Amber body", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Red headline", text, StringComparison.Ordinal);

        await (await factory.SignedInClientAsync(other)).GetPageAsync(path, HttpStatusCode.NotFound);
        await (await factory.SignedInClientAsync(member)).GetPageAsync("/Digests/View/999999", HttpStatusCode.NotFound);
        var stranger = await factory.CreateBrowser(followRedirects: false).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
    }

    [Fact]
    public async Task A_period_that_was_not_sent_has_no_page()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        var skipped = Assert.Single(await factory.LedgerOfAsync(member.Id));
        Assert.Equal(Dialogue.Data.Digests.DigestLedgerStatus.SkippedEmpty, skipped.Status);

        await (await factory.SignedInClientAsync(member)).GetPageAsync($"/Digests/View/{skipped.Id}", HttpStatusCode.NotFound);
    }
}
