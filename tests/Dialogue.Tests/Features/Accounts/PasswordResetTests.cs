using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Accounts;

public sealed class PasswordResetTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Member_resets_a_forgotten_password_by_email_and_signs_in_with_the_new_one()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();

        var asked = await client.SubmitAsync("/Accounts/ForgotPassword", new Dictionary<string, string> { ["Data.Email"] = member.Email! });
        Assert.Contains("If an account uses that address", await asked.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("account-password-reset", Assert.Single(await factory.OutboxToAsync(member.Email!)).Kind);

        var link = await factory.LinkInLatestEmailAsync(member.Email!, "/Accounts/ResetPassword");
        var reset = await client.SubmitAsync(Links.PathOf(link), new Dictionary<string, string>
        {
            ["Data.Password"] = AccountFlows.NewPassword,
            ["Data.ConfirmPassword"] = AccountFlows.NewPassword,
        });
        Assert.Equal("/Accounts/SignIn", reset.Landing());

        await client.SignInAsync(member.Email!, DialogueFactory.Password);
        Assert.False(await client.IsSignedInAsync());
        await client.SignInAsync(member.Email!, AccountFlows.NewPassword);
        Assert.True(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        var member = await factory.CreateMemberAsync();
        var nobody = AccountFlows.NewEmail("nobody");
        var client = factory.CreateBrowser();

        var known = await (await client.SubmitAsync("/Accounts/ForgotPassword", new Dictionary<string, string> { ["Data.Email"] = member.Email! })).ReadPageAsync();
        var unknown = await (await client.SubmitAsync("/Accounts/ForgotPassword", new Dictionary<string, string> { ["Data.Email"] = nobody })).ReadPageAsync();

        Assert.Equal(known.QuerySelector("main")!.TextContent, unknown.QuerySelector("main")!.TextContent);
        Assert.Empty(await factory.OutboxToAsync(nobody));
    }

    [Fact]
    public async Task A_reset_link_works_only_once()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SubmitAsync("/Accounts/ForgotPassword", new Dictionary<string, string> { ["Data.Email"] = member.Email! });
        var path = Links.PathOf(await factory.LinkInLatestEmailAsync(member.Email!, "/Accounts/ResetPassword"));
        var fields = new Dictionary<string, string> { ["Data.Password"] = AccountFlows.NewPassword, ["Data.ConfirmPassword"] = AccountFlows.NewPassword };

        await client.SubmitAsync(path, fields);
        var again = await client.SubmitAsync(path, new Dictionary<string, string> { ["Data.Password"] = "third-password-99", ["Data.ConfirmPassword"] = "third-password-99" });

        Assert.Contains("This link is not valid or has expired.", await again.TextAsync(), StringComparison.Ordinal);
        await client.SignInAsync(member.Email!, AccountFlows.NewPassword);
        Assert.True(await client.IsSignedInAsync());
    }
}
