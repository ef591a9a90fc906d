using System.Net;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Accounts;

public sealed class AccountPagesTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Theory]
    [InlineData("/Accounts/SignIn", "Sign in")]
    [InlineData("/Accounts/Register", "Create an account")]
    [InlineData("/Accounts/RegisterConfirmation", "Check your email")]
    [InlineData("/Accounts/ForgotPassword", "Forgot your password?")]
    [InlineData("/Accounts/Lockout", "Account locked")]
    [InlineData("/Accounts/ConfirmEmail", "Confirm your email address")]
    [InlineData("/Accounts/ResetPassword", "Choose a new password")]
    [InlineData("/Accounts/ConfirmEmailChange", "Confirm your new email address")]
    public async Task Stranger_can_open_the_signed_out_account_pages(string url, string heading)
    {
        var page = await factory.CreateClient().GetPageAsync(url);
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent);
    }

    [Theory]
    [InlineData("/Accounts/Profile")]
    [InlineData("/Accounts/ChangePassword")]
    [InlineData("/Accounts/ChangeEmail")]
    [InlineData("/Accounts/TwoFactor")]
    [InlineData("/Accounts/EnableAuthenticator")]
    [InlineData("/Accounts/RecoveryCodes")]
    [InlineData("/Accounts/Pending")]
    [InlineData("/Accounts/SignOut")]
    public async Task Stranger_is_sent_to_sign_in_from_the_members_account_pages(string url)
    {
        var response = await factory.CreateBrowser(followRedirects: false).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Accounts/SignIn", response.Landing());
    }

    [Fact]
    public async Task Second_factor_pages_need_a_password_first()
    {
        var client = factory.CreateBrowser(followRedirects: false);
        Assert.Equal("/Accounts/SignIn", (await client.GetAsync("/Accounts/SignInTwoFactor")).Landing());
        Assert.Equal("/Accounts/SignIn", (await client.GetAsync("/Accounts/SignInRecoveryCode")).Landing());
    }

    [Fact]
    public async Task Setup_page_does_not_exist_once_the_site_has_an_admin()
    {
        await factory.CreateClient().GetPageAsync("/Accounts/Setup", HttpStatusCode.NotFound);
        await factory.CreateClient().GetPageAsync("/Accounts/Setup?token=anything", HttpStatusCode.NotFound);
    }
}
