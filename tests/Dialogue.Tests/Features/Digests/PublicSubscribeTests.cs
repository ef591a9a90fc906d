using System.Net;
using AngleSharp.Dom;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Digests;

/// <summary>The public (CLEAR) digest's double opt-in, for people without an account.</summary>
public sealed class PublicSubscribeTests
{
    // Public digests go out on Mondays at 08:00 UTC; the factory's clock starts on a Monday at 09:00.
    private static readonly DateTimeOffset NextMonday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static string NewAddress() => $"visitor-{Guid.NewGuid():N}@test.dialogue";

    private static async Task<HttpResponseMessage> SubscribeAsync(DialogueFactory factory, string address) =>
        await factory.CreateBrowser().SubmitAsync("/Digests/Subscribe", new Dictionary<string, string> { ["Data.Email"] = address });

    private static async Task<List<Dialogue.Data.Email.OutboxMessage>> ConfirmationsToAsync(DialogueFactory factory, string address) =>
        [.. (await factory.OutboxToAsync(address)).Where(m => m.Kind == PublicSubscriptions.ConfirmationKind)];

    private static Task<PublicSubscriber?> SubscriberAsync(DialogueFactory factory, string address) =>
        factory.WithDbAsync(db => db.PublicSubscribers.AsNoTracking().SingleOrDefaultAsync(p => p.Email == address));

    [Fact]
    public async Task Visitor_gets_one_confirmation_and_no_digest_until_they_confirm_then_only_the_clear_digest()
    {
        await using var factory = new DigestsFactory();
        var address = NewAddress();

        var response = await SubscribeAsync(factory, address);
        var page = await response.ReadPageAsync();
        Assert.Contains("a confirmation link is on its way", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await ConfirmationsToAsync(factory, address));

        TestSection.Add(address, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "Public news"));
        await factory.RunUntilAsync(NextMonday, TimeSpan.FromHours(1));
        Assert.Empty(await factory.DigestsToAsync(address));
        Assert.Single(await factory.OutboxToAsync(address));

        var link = Links.PathOf(await factory.LinkInLatestEmailAsync(address, "/Digests/Confirm"));
        var browser = factory.CreateBrowser();
        var confirmPage = await browser.GetPageAsync(link);
        Assert.Null((await SubscriberAsync(factory, address))!.ConfirmedAt);
        var confirmed = await (await browser.SubmitAsync(confirmPage, link, new Dictionary<string, string>())).ReadPageAsync();
        Assert.Contains("your subscription is confirmed", confirmed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        TestSection.Add(address, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Clear, "Fresh public news"));
        TestSection.Add(address, factory.Clock.GetUtcNow(), TestSection.Item(SensitivityLabel.Green, "Members-only news"));
        await factory.RunUntilAsync(NextMonday.AddDays(7), TimeSpan.FromHours(1));
        var digest = Assert.Single(await factory.DigestsToAsync(address));
        Assert.Equal("[TLP:CLEAR] Dialogue public weekly digest", digest.Subject);
        Assert.Contains("Fresh public news", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Members-only", digest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_sends_nothing_more_while_the_link_works_or_once_confirmed()
    {
        await using var factory = new DigestsFactory();
        var address = NewAddress();
        await SubscribeAsync(factory, address);
        await SubscribeAsync(factory, address.ToUpperInvariant());
        Assert.Single(await ConfirmationsToAsync(factory, address));

        var link = Links.PathOf(await factory.LinkInLatestEmailAsync(address, "/Digests/Confirm"));
        await factory.CreateBrowser().SubmitAsync(link, new Dictionary<string, string>());
        factory.Clock.Advance(TimeSpan.FromDays(30));
        await SubscribeAsync(factory, address);
        Assert.Single(await ConfirmationsToAsync(factory, address));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("name@localhost")]
    [InlineData("two words@example.org")]
    [InlineData("Name <name@example.org>")]
    [InlineData("a@example.org, b@example.org")]
    [InlineData("")]
    public async Task A_malformed_address_gets_a_clear_message_and_nothing_is_stored_or_sent(string input)
    {
        await using var factory = new DigestsFactory();
        var response = await SubscribeAsync(factory, input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("email address", page.QuerySelector("#email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(input, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Data_Email")!.Value);
        Assert.Equal(0, await factory.WithDbAsync(db => db.PublicSubscribers.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == PublicSubscriptions.ConfirmationKind)));
    }

    [Fact]
    public async Task A_repeated_confirmation_says_already_confirmed_and_changes_nothing()
    {
        await using var factory = new DigestsFactory();
        var address = NewAddress();
        await SubscribeAsync(factory, address);
        var link = Links.PathOf(await factory.LinkInLatestEmailAsync(address, "/Digests/Confirm"));
        await factory.CreateBrowser().SubmitAsync(link, new Dictionary<string, string>());
        var confirmedAt = (await SubscriberAsync(factory, address))!.ConfirmedAt;
        Assert.NotNull(confirmedAt);
        factory.Clock.Advance(TimeSpan.FromHours(2));

        var again = await factory.CreateBrowser().GetPageAsync(link);
        Assert.Contains("already confirmed", again.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("main form[method=post]"));
        // A second press of the button (a form kept open in another tab) changes nothing either.
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<PublicSubscriptions>().ConfirmAsync(token, CancellationToken.None));
        Assert.Equal(ConfirmResult.AlreadyConfirmed, result);
        Assert.Equal(confirmedAt, (await SubscriberAsync(factory, address))!.ConfirmedAt);
    }

    [Fact]
    public async Task A_forged_confirmation_token_gets_a_clear_message()
    {
        await using var factory = new DigestsFactory();
        var page = await factory.CreateBrowser().GetPageAsync("/Digests/Confirm?token=forged-token", HttpStatusCode.BadRequest);
        Assert.Contains("not valid", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_subscribing_again_sends_a_new_one()
    {
        await using var factory = new DigestsFactory();
        var address = NewAddress();
        await SubscribeAsync(factory, address);
        var link = Links.PathOf(await factory.LinkInLatestEmailAsync(address, "/Digests/Confirm"));
        factory.Clock.Advance(TimeSpan.FromDays(8));

        var page = await factory.CreateBrowser().GetPageAsync(link);
        Assert.Contains("expired", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        await SubscribeAsync(factory, address);
        Assert.Equal(2, (await ConfirmationsToAsync(factory, address)).Count);
        Assert.NotEqual(link, Links.PathOf(await factory.LinkInLatestEmailAsync(address, "/Digests/Confirm")));
    }
}
