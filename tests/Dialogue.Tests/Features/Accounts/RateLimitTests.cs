using System.Net;
using System.Reflection;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Dialogue.Tests.Features.Accounts;

public sealed class RateLimitTests(RateLimitTests.TightLimits factory) : IClassFixture<RateLimitTests.TightLimits>
{
    public sealed class TightLimits : DialogueFactory
    {
        public TightLimits() => Settings["RateLimits:AccountPostsPerWindow"] = "3";
    }

    [Fact]
    public async Task A_flood_of_account_form_posts_is_refused_but_the_pages_still_show()
    {
        var client = factory.CreateBrowser(followRedirects: false);
        var signIn = await client.GetPageAsync("/Accounts/SignIn");
        var fields = new Dictionary<string, string> { ["Data.Email"] = "flood@test.dialogue", ["Data.Password"] = "guess-number-1" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync(signIn, "/Accounts/SignIn", fields, "form.sign-in")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SubmitAsync(signIn, "/Accounts/SignIn", fields, "form.sign-in")).StatusCode);
        // One allowance for all account forms: moving to another form does not reset it.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SubmitAsync("/Accounts/ForgotPassword", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Accounts/SignIn")).StatusCode);
    }

    [Theory]
    [InlineData(typeof(SignInModel))]
    [InlineData(typeof(RegisterModel))]
    [InlineData(typeof(ForgotPasswordModel))]
    [InlineData(typeof(ResetPasswordModel))]
    [InlineData(typeof(SignInTwoFactorModel))]
    [InlineData(typeof(SignInRecoveryCodeModel))]
    public void Pages_that_take_guesses_carry_the_accounts_rate_limit(Type page)
    {
        var attribute = page.GetCustomAttribute<EnableRateLimitingAttribute>();
        Assert.Equal(RateLimitOptions.Accounts, attribute?.PolicyName);
    }
}
