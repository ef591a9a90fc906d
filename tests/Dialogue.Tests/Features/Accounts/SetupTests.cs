using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Accounts;

public sealed class SetupTests(SetupTests.Site factory) : IClassFixture<SetupTests.Site>
{
    public sealed class Site : SiteSettingsFactory
    {
        public const string Token = "first-admin-token-for-tests";

        protected override void Change(SiteSettings settings) => settings.BootstrapTokenHash = Tokens.Hash(Token);
    }

    [Fact]
    public async Task Setup_link_creates_the_first_admin_once()
    {
        var client = factory.CreateBrowser();
        var email = AccountFlows.NewEmail("first-admin");
        var url = "/Accounts/Setup?token=" + Site.Token;

        await client.GetPageAsync("/Accounts/Setup?token=wrong-token", HttpStatusCode.NotFound);
        var created = await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Data.DisplayName"] = "First Admin",
            ["Data.Email"] = email,
            ["Data.Password"] = DialogueFactory.Password,
            ["Data.ConfirmPassword"] = DialogueFactory.Password,
        });
        Assert.Equal("/Accounts/SignIn", created.Landing());

        var isAdmin = await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin);
        });
        Assert.True(isAdmin);
        await client.GetPageAsync(url, HttpStatusCode.NotFound);

        await client.SignInAsync(email);
        Assert.True(await client.IsSignedInAsync());
    }
}
