using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

public sealed class InvitationModeTests(InvitationModeTests.Site factory) : IClassFixture<InvitationModeTests.Site>
{
    public sealed class Site : SiteSettingsFactory
    {
        protected override void Change(SiteSettings settings) => settings.RegistrationMode = RegistrationMode.InvitationOnly;
    }

    [Fact]
    public async Task Registration_without_an_invitation_is_refused()
    {
        var email = AccountFlows.NewEmail("uninvited");
        var client = factory.CreateBrowser();

        var page = await client.GetPageAsync("/Accounts/Register");
        Assert.Contains("by invitation only", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form[method=post]"));

        // A hand-made post (with a valid antiforgery token from another form) is refused too.
        var response = await PostRegistrationAsync(client, "/Accounts/Register", email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Empty(await factory.OutboxToAsync(email));
    }

    [Fact]
    public async Task Invitation_link_registers_once_and_is_then_spent()
    {
        var email = AccountFlows.NewEmail("invited");
        var (invitationId, token) = await factory.CreateInvitationAsync(email);
        var client = factory.CreateBrowser();

        var form = await client.GetPageAsync(Invitations.Link(token));
        Assert.Equal(email, form.QuerySelector<IHtmlInputElement>("#Data_Email")!.Value);
        var registered = await client.RegisterAsync(email, Invitations.Link(token));
        Assert.Equal("/Accounts/RegisterConfirmation", registered.Landing());

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        var invitation = await factory.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId));
        Assert.Equal(AccountStatus.Active, user.Status);
        Assert.Equal(user.Id, invitation.UsedById);
        Assert.Equal(factory.Clock.GetUtcNow(), invitation.UsedAt);

        var again = await client.GetPageAsync(Invitations.Link(token));
        Assert.Contains("This invitation link is not valid", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var secondEmail = AccountFlows.NewEmail("second");
        await PostRegistrationAsync(client, Invitations.Link(token), secondEmail);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == secondEmail)));
    }

    [Fact]
    public async Task Expired_or_withdrawn_invitation_gets_a_clear_message()
    {
        var (_, expired) = await factory.CreateInvitationAsync(AccountFlows.NewEmail(), validFor: TimeSpan.FromDays(-1));
        var (withdrawnId, withdrawn) = await factory.CreateInvitationAsync(AccountFlows.NewEmail());
        await factory.WithDbAsync(db => db.Invitations.Where(i => i.Id == withdrawnId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, factory.Clock.GetUtcNow())));
        var client = factory.CreateBrowser();

        foreach (var token in new[] { expired, withdrawn, "made-up-token" })
        {
            var page = await client.GetPageAsync(Invitations.Link(token));
            Assert.Contains("This invitation link is not valid: it has been used, withdrawn or has expired.",
                page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("main form[method=post]"));
        }
    }

    [Fact]
    public async Task Invitation_is_for_the_address_it_was_sent_to()
    {
        var invited = AccountFlows.NewEmail("invited");
        var someoneElse = AccountFlows.NewEmail("forwarded");
        var (invitationId, token) = await factory.CreateInvitationAsync(invited);
        var client = factory.CreateBrowser();

        var response = await client.RegisterAsync(someoneElse, Invitations.Link(token));

        Assert.Contains($"This invitation is for {invited}; register with that address.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == someoneElse)));
        Assert.Null(await factory.WithDbAsync(db => db.Invitations.Where(i => i.Id == invitationId).Select(i => i.UsedAt).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> PostRegistrationAsync(HttpClient client, string url, string email)
    {
        var signIn = await client.GetPageAsync("/Accounts/SignIn");
        var antiforgery = signIn.QuerySelector<IHtmlInputElement>("form.sign-in input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Data.DisplayName"] = "Gatecrasher",
            ["Data.Email"] = email,
            ["Data.Password"] = DialogueFactory.Password,
            ["Data.ConfirmPassword"] = DialogueFactory.Password,
            ["Data.TimeZone"] = "UTC",
            ["Data.Accept"] = "true",
        }));
    }
}
