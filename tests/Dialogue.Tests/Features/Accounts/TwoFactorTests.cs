using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Accounts;

public sealed class TwoFactorTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Member_enrols_an_authenticator_and_then_needs_a_code_to_sign_in()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        var (key, codes) = await client.EnrolAuthenticatorAsync();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        // Enabling changed the security stamp; the session that did it goes on.
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await client.IsSignedInAsync());
        Assert.Contains("Two-factor authentication is on.", (await client.GetPageAsync("/Accounts/TwoFactor")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await client.SignOutAsync();
        var password = await client.SignInAsync(member.Email!);
        Assert.Equal("/Accounts/SignInTwoFactor", password.Landing());
        Assert.False(await client.IsSignedInAsync());

        var page = await password.ReadPageAsync();
        var wrong = await client.SubmitAsync(page, "/Accounts/SignInTwoFactor", new Dictionary<string, string> { ["Data.Code"] = WrongCode(key) });
        Assert.Contains("That code is not valid.", await wrong.TextAsync(), StringComparison.Ordinal);
        Assert.False(await client.IsSignedInAsync());

        var right = await client.SubmitAsync(await wrong.ReadPageAsync(), "/Accounts/SignInTwoFactor", new Dictionary<string, string> { ["Data.Code"] = Totp.Now(key) });
        Assert.Equal("/", right.Landing());
        Assert.True(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Recovery_code_signs_in_once_only()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);
        var (_, codes) = await client.EnrolAuthenticatorAsync();
        await client.SignOutAsync();

        await client.SignInAsync(member.Email!);
        var used = await client.SubmitAsync("/Accounts/SignInRecoveryCode", new Dictionary<string, string> { ["Data.Code"] = codes[0] });
        Assert.Equal("/", used.Landing());
        Assert.True(await client.IsSignedInAsync());
        Assert.Contains("Recovery codes left: 9.", (await client.GetPageAsync("/Accounts/TwoFactor")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await client.SignOutAsync();
        await client.SignInAsync(member.Email!);
        var reused = await client.SubmitAsync("/Accounts/SignInRecoveryCode", new Dictionary<string, string> { ["Data.Code"] = codes[0] });
        Assert.Contains("That recovery code is not valid.", await reused.TextAsync(), StringComparison.Ordinal);
        Assert.False(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Remembered_browser_skips_the_code_until_forgotten()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);
        var (key, _) = await client.EnrolAuthenticatorAsync();
        await client.SignOutAsync();

        await client.SignInAsync(member.Email!);
        await client.SubmitAsync("/Accounts/SignInTwoFactor", new Dictionary<string, string>
        {
            ["Data.Code"] = Totp.Now(key),
            ["Data.RememberMachine"] = "true",
        });
        await client.SignOutAsync();
        var remembered = await client.SignInAsync(member.Email!);
        Assert.Equal("/", remembered.Landing());

        await client.SubmitAsync("/Accounts/TwoFactor", new Dictionary<string, string>(), "form.forget-browser");
        await client.SignOutAsync();
        var forgotten = await client.SignInAsync(member.Email!);
        Assert.Equal("/Accounts/SignInTwoFactor", forgotten.Landing());
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_and_two_factor_can_be_turned_off()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);
        var (_, oldCodes) = await client.EnrolAuthenticatorAsync();

        var regenerated = await client.SubmitAsync("/Accounts/TwoFactor", new Dictionary<string, string>(), "form.recovery");
        var newCodes = (await regenerated.ReadPageAsync()).QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        // Shown once: a second visit has nothing to show.
        Assert.Equal("/Accounts/TwoFactor", (await client.GetAsync("/Accounts/RecoveryCodes")).Landing());

        await client.SubmitAsync("/Accounts/TwoFactor", new Dictionary<string, string>(), "form.disable");
        await client.SignOutAsync();
        await client.SignInAsync(member.Email!);
        Assert.True(await client.IsSignedInAsync());
    }

    private static string WrongCode(string key)
    {
        var right = Totp.Now(key);
        return right == "000000" ? "111111" : "000000";
    }
}
