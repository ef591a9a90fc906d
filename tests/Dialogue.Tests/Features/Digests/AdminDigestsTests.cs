using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Digests;

public sealed class AdminDigestsTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A member subscribed at ten, in a GREEN and an AMBER space, with a GREEN, an AMBER and a RED thread (the member a participant) there.</summary>
    private static async Task<(DialogueUser Member, DialogueUser Author)> MemberWithThreadsAsync(DigestsFactory factory, string? culture = null)
    {
        var member = await factory.MemberWithDigestAsync(hour: 10, culture: culture);
        var author = await factory.CreateMemberAsync();
        var green = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        foreach (var space in new[] { green, amber })
        {
            await factory.AddToSpaceAsync(space.Id, member);
            await factory.AddToSpaceAsync(space.Id, author);
        }
        await factory.StartThreadAsync(green.Id, author, SensitivityLabel.Green, "Green headline", "Green body");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Amber, "Amber headline", "Amber excerpt");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Red, "Red headline", "Red body", member);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        return (member, author);
    }

    [Fact]
    public async Task Admin_preview_shows_only_the_shape_of_a_members_next_digest_in_the_admins_language_and_is_recorded()
    {
        await using var factory = new DigestsFactory();
        var (member, author) = await MemberWithThreadsAsync(factory, culture: "zh-Hans");
        var admin = await factory.AdminAsync();
        var client = await factory.SignedInClientAsync(admin);

        var response = await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string> { ["PreviewData.MemberEmail"] = member.Email! }, "#preview-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var preview = page.QuerySelector(".digest-preview")!.TextContent;
        Assert.Contains("[TLP:RED] Dialogue daily digest", preview, StringComparison.Ordinal);
        Assert.Contains("New threads", preview, StringComparison.Ordinal);
        Assert.Contains("1 × TLP:GREEN", preview, StringComparison.Ordinal);
        Assert.Contains("1 × TLP:AMBER", preview, StringComparison.Ordinal);
        foreach (var content in new[] { "Green headline", "Green body", "Amber headline", "Amber excerpt", "Red headline", "Red body", author.DisplayName })
        {
            Assert.DoesNotContain(content, preview, StringComparison.Ordinal);
        }
        // The member reads Chinese; the admin's page stays in the admin's language.
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", page.QuerySelector("main")!.TextContent);

        var audit = await factory.WithDbAsync(db => db.DigestPreviewAudits.AsNoTracking().SingleAsync(a => a.MemberUserId == member.Id));
        Assert.Equal(admin.Id, audit.AdminUserId);
        Assert.Equal(factory.Clock.GetUtcNow(), audit.At);
        Assert.Contains(member.Email!, page.QuerySelector("#preview-log")!.TextContent, StringComparison.Ordinal);
        // A preview is not a delivery.
        Assert.Empty(await factory.LedgerOfAsync(member.Id));
        Assert.Empty(await factory.OutboxToAsync(member.Email!));
    }

    [Fact]
    public async Task After_a_preview_the_email_column_still_shows_the_saved_levels()
    {
        await using var factory = new DigestsFactory();
        var (member, _) = await MemberWithThreadsAsync(factory);
        await factory.WithDbAsync(db => db.DigestEmailSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.Amber, EmailDetail.TitleOnly)));
        var client = await factory.SignedInClientAsync(await factory.AdminAsync());

        var page = await (await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string> { ["PreviewData.MemberEmail"] = member.Email! }, "#preview-form")).ReadPageAsync();

        var saved = await factory.WithDbAsync(db => db.DigestEmailSettings.AsNoTracking().SingleAsync());
        var expected = new Dictionary<string, EmailDetail>
        {
            ["Clear"] = saved.Clear,
            ["Green"] = saved.Green,
            ["Amber"] = EmailDetail.TitleOnly,
            ["AmberStrict"] = saved.AmberStrict,
            ["Red"] = saved.Red,
        };
        foreach (var (label, level) in expected)
        {
            var selected = page.QuerySelector($"#email-column select[name='Column.{label}'] option[selected]");
            Assert.Equal(level.ToString(), selected?.GetAttribute("value"));
        }
    }

    [Fact]
    public async Task Previewing_an_unknown_address_says_so_and_records_nothing()
    {
        await using var factory = new DigestsFactory();
        var client = await factory.SignedInClientAsync(await factory.AdminAsync());
        var page = await (await client.SubmitAsync("/Admin/Digests",
            new Dictionary<string, string> { ["PreviewData.MemberEmail"] = "nobody@test.dialogue" }, "#preview-form")).ReadPageAsync();
        Assert.Contains("No member has this email address.", page.QuerySelector("#preview-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.DigestPreviewAudits.CountAsync()));
    }

    [Fact]
    public async Task Members_cannot_open_the_digest_admin_page()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        var response = await (await factory.SignedInClientAsync(member, followRedirects: false)).GetAsync("/Admin/Digests");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_email_column_can_be_made_stricter_but_never_laxer()
    {
        await using var factory = new DigestsFactory();
        var client = await factory.SignedInClientAsync(await factory.AdminAsync());

        await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string> { ["Column.Amber"] = nameof(EmailDetail.TitleOnly) }, "#email-column");
        Assert.Equal(EmailDetail.TitleOnly, await factory.WithDbAsync(db => db.DigestEmailSettings.Select(s => s.Amber).SingleAsync()));

        foreach (var (field, laxer) in new[] { ("Column.Amber", nameof(EmailDetail.FullText)), ("Column.Red", nameof(EmailDetail.TitleOnly)), ("Column.AmberStrict", "9") })
        {
            var response = await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string> { [field] = laxer }, "#email-column");
            var page = await response.ReadPageAsync();
            Assert.Contains("cannot be sent in more detail", page.QuerySelector("#email-column [role=alert]")!.TextContent, StringComparison.Ordinal);
        }
        var settings = await factory.WithDbAsync(db => db.DigestEmailSettings.AsNoTracking().SingleAsync());
        Assert.Equal(EmailDetail.TitleOnly, settings.Amber);
        Assert.Equal(EmailDetail.Notice, settings.Red);
        Assert.Equal(EmailDetail.Notice, settings.AmberStrict);
    }

    [Fact]
    public async Task Admin_sends_a_test_of_their_own_digest_to_themselves()
    {
        await using var factory = new DigestsFactory();
        var admin = await factory.AdminAsync();
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(amber.Id, admin);
        await factory.AddToSpaceAsync(amber.Id, author);
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Amber, "Amber for the admin", "An excerpt");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var client = await factory.SignedInClientAsync(admin);

        var page = await (await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string>(), "#test-form")).ReadPageAsync();

        Assert.Contains("test digest is on its way", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var test = Assert.Single(await factory.OutboxToAsync(admin.Email!), m => m.Kind == DigestPreviews.TestKind);
        Assert.Equal("[TLP:AMBER] [Test] Dialogue daily digest", test.Subject);
        Assert.Contains("Amber for the admin", test.TextBody, StringComparison.Ordinal);
        Assert.Empty(await factory.LedgerOfAsync(admin.Id));
    }

    [Fact]
    public async Task Runs_show_the_periods_from_the_ledger()
    {
        await using var factory = new DigestsFactory();
        var sent = await factory.MemberWithDigestAsync(hour: 10);
        var failing = await factory.MemberWithDigestAsync(hour: 10);
        var news = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var reporter = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(news.Id, sent);
        await factory.AddToSpaceAsync(news.Id, reporter);
        await factory.StartThreadAsync(news.Id, reporter, SensitivityLabel.Clear, "News", "Clear news");
        TestSection.OnNextBuild(failing.Email!, () => throw new InvalidOperationException("broken section"));
        await factory.RunUntilAsync(TenOClock, TimeSpan.FromMinutes(1));
        await factory.SendOutboxAsync();
        await factory.RunDigestJobsAsync(); // notices that the outbox sent the digest

        var page = await (await factory.SignedInClientAsync(await factory.AdminAsync())).GetPageAsync("/Admin/Digests");

        var counts = page.QuerySelectorAll("#digest-counts td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("1", counts[4]); // sent
        Assert.Equal("1", counts[6]); // failed, retrying
        var runs = page.QuerySelector("#digest-runs")!.TextContent;
        Assert.Contains(sent.Email!, runs, StringComparison.Ordinal);
        Assert.Contains("broken section", runs, StringComparison.Ordinal);
        Assert.Equal(DigestLedgerStatus.Sent, Assert.Single(await factory.LedgerOfAsync(sent.Id)).Status);
    }
}
