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

    [Theory]
    [InlineData("PublicPreview")]
    [InlineData("PublicTest")]
    public async Task Members_cannot_use_the_public_digest_handlers(string handler)
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        var client = await factory.SignedInClientAsync(member, followRedirects: false);
        // A real antiforgery token from a page the member may open, so only the admin policy can refuse the post.
        var settings = await client.GetPageAsync("/Digests/Settings");
        var token = settings.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var response = await client.PostAsync("/Admin/Digests?handler=" + handler, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync(member.Email!));
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

    private static Task AddPublicSubscriberAsync(DigestsFactory factory, string email, bool confirmed, bool unsubscribed) => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow();
        db.PublicSubscribers.Add(new PublicSubscriber
        {
            Email = email,
            ConfirmationTokenHash = Guid.NewGuid().ToString("N"),
            ConfirmationSentAt = now,
            CreatedAt = now,
            ConfirmedAt = confirmed ? now : null,
            UnsubscribedAt = unsubscribed ? now : null,
        });
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Admin_sees_the_public_digests_subscribers_confirmed_or_not()
    {
        await using var factory = new DigestsFactory();
        await AddPublicSubscriberAsync(factory, "reader-one@example.org", confirmed: true, unsubscribed: false);
        await AddPublicSubscriberAsync(factory, "reader-two@example.org", confirmed: true, unsubscribed: false);
        await AddPublicSubscriberAsync(factory, "pending@example.org", confirmed: false, unsubscribed: false);
        await AddPublicSubscriberAsync(factory, "gone@example.org", confirmed: true, unsubscribed: true);
        var client = await factory.SignedInClientAsync(await factory.AdminAsync());

        var page = await client.GetPageAsync("/Admin/Digests");

        Assert.Equal("2", page.QuerySelector("#count-confirmed")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#count-unconfirmed")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#count-unsubscribed")!.TextContent);
        var rows = page.QuerySelectorAll("#public-subscribers tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.Contains("pending@example.org", StringComparison.Ordinal) && r.Contains("Waiting for confirmation", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("gone@example.org", StringComparison.Ordinal) && r.Contains("Unsubscribed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_previews_the_public_digest_as_a_signed_out_visitor_gets_it_and_sends_it_to_themselves()
    {
        await using var factory = new DigestsFactory();
        var admin = await factory.AdminAsync();
        var author = await factory.CreateMemberAsync();
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(open.Id, author);
        await factory.AddToSpaceAsync(open.Id, admin);
        await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Clear, "Public headline CLR1", "Public opening CLR2");
        await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Green, "Members headline GRN1", "Members opening GRN2");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var client = await factory.SignedInClientAsync(admin);

        var preview = await (await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string>(), "#public-preview-form")).ReadPageAsync();

        var shown = preview.QuerySelector("#public-preview")!.TextContent;
        Assert.Contains("[TLP:CLEAR] [Test] Dialogue public", shown, StringComparison.Ordinal);
        Assert.Contains("Public headline CLR1", shown, StringComparison.Ordinal);
        Assert.Contains("Public opening CLR2", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("GRN", shown, StringComparison.Ordinal);

        var sent = await (await client.SubmitAsync("/Admin/Digests", new Dictionary<string, string>(), "#public-test-form")).ReadPageAsync();
        Assert.Contains("public digest is on its way", sent.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        await factory.SendOutboxAsync();
        var message = Assert.Single(await factory.OutboxToAsync(admin.Email!), m => m.Kind == DigestPreviews.PublicTestKind);
        var (_, mime) = await DigestMail.PickedUpAsync(factory, message);
        var all = DigestMail.Everything(mime);
        Assert.Contains("Public headline CLR1", all, StringComparison.Ordinal);
        Assert.DoesNotContain("GRN", all, StringComparison.Ordinal);
        // No subscriber's unsubscribe token goes to the admin.
        Assert.DoesNotContain("/Digests/Unsubscribe", all, StringComparison.Ordinal);
        Assert.Empty(await factory.WithDbAsync(db => db.DigestLedger.Where(l => l.RecipientKind == DigestRecipientKind.Public).ToListAsync()));
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
