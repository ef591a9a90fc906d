using System.Net;
using System.Text.Json;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Digests;

public sealed class UnsubscribeTests
{
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A member who received one digest, and the https link of its List-Unsubscribe header.</summary>
    private static async Task<(DialogueUser Member, string Link)> MemberWithDigestAsync(DigestsFactory factory)
    {
        var member = await factory.MemberWithDigestAsync(hour: 10);
        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "News"));
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        var digest = Assert.Single(await factory.DigestsToAsync(member.Email!));
        var header = JsonSerializer.Deserialize<Dictionary<string, string>>(digest.HeadersJson!)!["List-Unsubscribe"];
        var https = header.Split(", ").Single(t => t.StartsWith("<http", StringComparison.Ordinal)).Trim('<', '>');
        return (member, https);
    }

    /// <summary>A mail client's one-click POST (RFC 8058): no cookies, no antiforgery token, just the link and the fixed body.</summary>
    private static Task<HttpResponseMessage> OneClickAsync(DialogueFactory factory, string link)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        return client.PostAsync(Links.PathOf(link), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
    }

    private static Task<DigestSubscription> SubscriptionAsync(DigestsFactory factory, string userId) =>
        factory.WithDbAsync(db => db.DigestSubscriptions.AsNoTracking().SingleAsync(s => s.UserId == userId));

    [Fact]
    public async Task One_click_POST_without_cookies_unsubscribes_at_once()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);

        var response = await OneClickAsync(factory, link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are unsubscribed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var subscription = await SubscriptionAsync(factory, member.Id);
        Assert.Equal(DigestFrequency.Off, subscription.Frequency);
        Assert.Equal(factory.Clock.GetUtcNow(), subscription.UnsubscribedAt);

        TestSection.Add(member.Email!, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "More news"));
        await factory.RunUntilAsync(TenOClock.AddDays(2));
        Assert.Single(await factory.DigestsToAsync(member.Email!));
    }

    [Fact]
    public async Task Opening_the_link_shows_a_button_and_changes_nothing_until_it_is_pressed()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        var browser = factory.CreateBrowser();

        var page = await browser.GetPageAsync(Links.PathOf(link));
        Assert.NotNull(page.QuerySelector("main form[method=post] button[type=submit]"));
        Assert.Equal(DigestFrequency.Daily, (await SubscriptionAsync(factory, member.Id)).Frequency);

        var response = await browser.SubmitAsync(page, Links.PathOf(link), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DigestFrequency.Off, (await SubscriptionAsync(factory, member.Id)).Frequency);
    }

    [Fact]
    public async Task An_altered_or_forged_token_is_refused_and_changes_nothing()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var altered = token[..^5] + (token[^5] == 'A' ? 'B' : 'A') + token[^4..];
        // The same payload protected for another purpose is not an unsubscribe token either.
        var otherPurpose = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Dialogue.Something.Else")
            .Protect($"0\n{member.Id}\n{member.Email}");

        foreach (var bad in new[] { altered, otherPurpose, "not-a-token", "" })
        {
            var response = await OneClickAsync(factory, "http://localhost/Digests/Unsubscribe?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This unsubscribe link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(DigestFrequency.Daily, (await SubscriptionAsync(factory, member.Id)).Frequency);
    }

    [Fact]
    public async Task A_token_only_works_for_the_address_it_was_sent_to()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        var newAddress = $"moved-{Guid.NewGuid():N}@test.dialogue";
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Email, newAddress).SetProperty(u => u.NormalizedEmail, newAddress.ToUpperInvariant())));

        var response = await OneClickAsync(factory, link);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DigestFrequency.Daily, (await SubscriptionAsync(factory, member.Id)).Frequency);
    }

    [Fact]
    public async Task Unsubscribing_twice_says_so_and_changes_nothing_the_second_time()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        await OneClickAsync(factory, link);
        var first = (await SubscriptionAsync(factory, member.Id)).UnsubscribedAt;
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var again = await OneClickAsync(factory, link);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already unsubscribed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(first, (await SubscriptionAsync(factory, member.Id)).UnsubscribedAt);
    }

    [Fact]
    public async Task Unsubscribing_an_address_that_is_already_gone_says_so_and_changes_nothing()
    {
        await using var factory = new DigestsFactory();
        var address = $"gone-{Guid.NewGuid():N}@test.dialogue";
        var id = await factory.WithDbAsync(async db =>
        {
            var subscriber = new PublicSubscriber { Email = address, ConfirmationTokenHash = Guid.NewGuid().ToString("N"), ConfirmedAt = factory.Clock.GetUtcNow() };
            db.PublicSubscribers.Add(subscriber);
            await db.SaveChangesAsync();
            return subscriber.Id;
        });
        var token = factory.Services.GetRequiredService<UnsubscribeTokens>()
            .For(new UnsubscribeTarget(DigestRecipientKind.Public, id.ToString(System.Globalization.CultureInfo.InvariantCulture), address));
        await factory.WithDbAsync(db => db.PublicSubscribers.Where(p => p.Id == id).ExecuteDeleteAsync());

        var response = await OneClickAsync(factory, "http://localhost/Digests/Unsubscribe?token=" + Uri.EscapeDataString(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no longer receives the digest", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.PublicSubscribers.AnyAsync(p => p.Email == address)));
    }

    [Fact]
    public async Task The_link_keeps_working_after_the_app_restarts()
    {
        string link, userId;
        var before = new DigestsFactory { KeepDataDirectory = true };
        await using (before)
        {
            var (member, l) = await MemberWithDigestAsync(before);
            (link, userId) = (l, member.Id);
        }

        using var database = before.Database;
        await using var after = new DigestsFactory(before.DataDirectory);
        after.UseDatabase(database);
        var response = await OneClickAsync(after, link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DigestFrequency.Off, (await SubscriptionAsync(after, userId)).Frequency);
    }

    [Fact]
    public async Task The_unsubscribed_page_offers_undo_with_the_same_token_and_a_link_to_the_settings()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        await factory.SetDigestAsync(member.Id, DigestFrequency.Weekly, 10, DayOfWeek.Friday);
        var browser = factory.CreateBrowser();
        var path = Links.PathOf(link);

        var unsubscribed = await (await browser.SubmitAsync(path, new Dictionary<string, string>())).ReadPageAsync();
        Assert.Equal(DigestFrequency.Off, (await SubscriptionAsync(factory, member.Id)).Frequency);
        Assert.NotNull(unsubscribed.QuerySelector("a[href='/Digests/Settings']"));
        Assert.NotNull(unsubscribed.QuerySelector("#undo-form input[name='__RequestVerificationToken']"));

        var undone = await browser.SubmitAsync(unsubscribed, path, new Dictionary<string, string>(), "#undo-form");

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        var page = await undone.ReadPageAsync();
        Assert.Contains("sent to this address again", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/Digests/Settings']"));
        var subscription = await SubscriptionAsync(factory, member.Id);
        Assert.Equal(DigestFrequency.Weekly, subscription.Frequency);
        Assert.Null(subscription.UnsubscribedAt);
    }

    [Fact]
    public async Task Undo_without_the_antiforgery_token_changes_nothing()
    {
        await using var factory = new DigestsFactory();
        var (member, link) = await MemberWithDigestAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await OneClickAsync(factory, link)).StatusCode);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        var response = await client.PostAsync("/Digests/Unsubscribe?handler=Undo", new FormUrlEncodedContent([new("token", token), new("previous", "Daily")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DigestFrequency.Off, (await SubscriptionAsync(factory, member.Id)).Frequency);
    }

    [Fact]
    public async Task A_public_subscriber_can_undo_and_is_offered_no_member_settings()
    {
        await using var factory = new DigestsFactory();
        var token = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Dialogue.Data.DialogueDbContext>();
            var now = factory.Clock.GetUtcNow();
            var subscriber = new PublicSubscriber { Email = "reader@example.org", ConfirmationTokenHash = "undo-test", ConfirmationSentAt = now, CreatedAt = now, ConfirmedAt = now };
            db.PublicSubscribers.Add(subscriber);
            await db.SaveChangesAsync();
            return sp.GetRequiredService<UnsubscribeTokens>().For(new UnsubscribeTarget(DigestRecipientKind.Public,
                subscriber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), subscriber.Email));
        });
        var browser = factory.CreateBrowser();
        var path = "/Digests/Unsubscribe?token=" + Uri.EscapeDataString(token);

        var unsubscribed = await (await browser.SubmitAsync(path, new Dictionary<string, string>())).ReadPageAsync();
        Assert.Null(unsubscribed.QuerySelector("a[href='/Digests/Settings']"));
        var undone = await (await browser.SubmitAsync(unsubscribed, path, new Dictionary<string, string>(), "#undo-form")).ReadPageAsync();

        Assert.Contains("sent to this address again", undone.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var row = await factory.WithDbAsync(db => db.PublicSubscribers.AsNoTracking().SingleAsync(p => p.Email == "reader@example.org"));
        Assert.Null(row.UnsubscribedAt);
        Assert.NotNull(row.NextDueAt);
    }

    [Fact]
    public async Task The_mailto_unsubscribe_carries_a_token_that_unsubscribes_the_same_recipient()
    {
        await using var factory = new DigestsFactory();
        var (member, _) = await MemberWithDigestAsync(factory);
        var digest = Assert.Single(await factory.DigestsToAsync(member.Email!));
        var header = JsonSerializer.Deserialize<Dictionary<string, string>>(digest.HeadersJson!)!["List-Unsubscribe"];
        var mailto = header.Split(", ").Single(t => t.StartsWith("<mailto:", StringComparison.Ordinal)).Trim('<', '>');
        var subject = Uri.UnescapeDataString(mailto[(mailto.IndexOf("subject=", StringComparison.Ordinal) + 8)..]);
        Assert.StartsWith("unsubscribe ", subject, StringComparison.Ordinal);

        // What an operator's handler for the unsubscribe mailbox does with the subject line.
        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<Unsubscriptions>().UnsubscribeAsync(subject["unsubscribe ".Length..], CancellationToken.None));

        Assert.Equal(UnsubscribeResult.Unsubscribed, result.Result);
        Assert.Equal(DigestFrequency.Off, (await SubscriptionAsync(factory, member.Id)).Frequency);
    }
}
