using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Accounts;

public sealed class StaffTwoFactorTests(StaffTwoFactorTests.Site factory) : IClassFixture<StaffTwoFactorTests.Site>
{
    public sealed class Site : SiteSettingsFactory
    {
        protected override void Change(SiteSettings settings) => settings.RequireTwoFactorForStaff = true;
    }

    [Fact]
    public async Task Moderator_without_two_factor_is_sent_to_set_it_up_from_every_page()
    {
        var moderator = await factory.CreateMemberAsync(null, Roles.Moderator);
        var client = factory.CreateBrowser(followRedirects: false);
        await client.SignInAsync(moderator.Email!);

        foreach (var path in new[] { "/", "/Accounts/Profile", "/Accounts/ChangeEmail" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Accounts/TwoFactor", response.Landing());
        }
        var setUp = await client.GetPageAsync("/Accounts/TwoFactor");
        Assert.Contains("An admin requires two-factor authentication for your role.", setUp.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Accounts/EnableAuthenticator")).StatusCode);
    }

    [Fact]
    public async Task Moderator_with_two_factor_uses_the_site_and_cannot_turn_it_off()
    {
        var moderator = await factory.CreateMemberAsync(null, Roles.Moderator);
        var client = factory.CreateBrowser();
        await client.SignInAsync(moderator.Email!);
        await client.EnrolAuthenticatorAsync();

        var home = await client.GetAsync("/");
        Assert.Equal("/", home.Landing());

        var page = await client.GetPageAsync("/Accounts/TwoFactor");
        Assert.Null(page.QuerySelector("form.disable"));
    }

    [Fact]
    public async Task Plain_member_is_not_asked_for_two_factor()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser(followRedirects: false);
        await client.SignInAsync(member.Email!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Accounts/Profile")).StatusCode);
    }
}
