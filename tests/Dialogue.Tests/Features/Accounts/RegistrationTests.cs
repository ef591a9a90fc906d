using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

public sealed class RegistrationTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Newcomer_registers_confirms_by_email_signs_in_and_sees_their_profile()
    {
        var email = AccountFlows.NewEmail();
        var client = factory.CreateBrowser();

        var registered = await client.RegisterAsync(email, timeZone: "Asia/Shanghai", name: "Ada Newcomer");
        Assert.Equal("/Accounts/RegisterConfirmation", registered.Landing());

        var mail = Assert.Single(await factory.OutboxToAsync(email));
        Assert.Equal("account-confirm", mail.Kind);
        Assert.Equal("Confirm your email address", mail.Subject);
        Assert.Contains("If you didn't ask for this, ignore this message.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/Accounts/ConfirmEmail?", mail.TextBody, StringComparison.Ordinal);

        var confirmed = await client.FollowEmailLinkAsync(factory, email, "/Accounts/ConfirmEmail");
        Assert.Contains("your email address is confirmed", await confirmed.TextAsync(), StringComparison.Ordinal);

        var signedIn = await client.SignInAsync(email);
        Assert.Equal("/", signedIn.Landing());
        var profile = await client.GetPageAsync("/Accounts/Profile");
        Assert.Equal("Ada Newcomer", profile.QuerySelector<IHtmlInputElement>("#Data_DisplayName")!.Value);
        Assert.Equal("Asia/Shanghai", profile.QuerySelector<IHtmlInputElement>("#Data_TimeZone")!.Value);
        // Member since, in the member's own zone.
        Assert.Equal("Asia/Shanghai", profile.QuerySelector(".profile-facts time")!.GetAttribute("title"));

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(AccountStatus.Active, user.Status);
        Assert.NotNull(user.ApprovedAt);
        Assert.Null(user.UiCulture);
    }

    [Fact]
    public async Task Unconfirmed_member_is_told_to_confirm_and_can_get_a_new_link()
    {
        var email = AccountFlows.NewEmail();
        var client = factory.CreateBrowser();
        await client.RegisterAsync(email);

        var attempt = await client.SignInAsync(email);
        Assert.Contains("You need to confirm your email address", await attempt.TextAsync(), StringComparison.Ordinal);
        Assert.False(await client.IsSignedInAsync());

        var page = await attempt.ReadPageAsync();
        var resent = await client.SubmitAsync(page, "/Accounts/SignIn", new Dictionary<string, string>(), "form.resend");
        Assert.Contains("we have sent it a new link", await resent.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await factory.OutboxToAsync(email)).Count(m => m.Kind == "account-confirm"));

        await client.FollowEmailLinkAsync(factory, email, "/Accounts/ConfirmEmail");
        await client.SignInAsync(email);
        Assert.True(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Wrong_password_for_an_unconfirmed_account_reveals_nothing_about_it()
    {
        var email = AccountFlows.NewEmail();
        var client = factory.CreateBrowser();
        await client.RegisterAsync(email);

        var text = await (await client.SignInAsync(email, "not-the-password-1")).TextAsync();
        Assert.Contains("Wrong email address or password.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm your email address", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_looks_the_same_and_tells_the_owner()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();

        var response = await client.RegisterAsync(member.Email!, name: "Impostor");

        Assert.Equal("/Accounts/RegisterConfirmation", response.Landing());
        Assert.Equal("account-already-registered", Assert.Single(await factory.OutboxToAsync(member.Email!)).Kind);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == member.Email)));
    }

    [Fact]
    public async Task Registration_form_preselects_the_browsers_time_zone()
    {
        var client = factory.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", "tz=America%2FSao_Paulo");
        var page = await client.GetPageAsync("/Accounts/Register");
        Assert.Equal("America/Sao_Paulo", page.QuerySelector<IHtmlInputElement>("#Data_TimeZone")!.Value);
    }

    [Fact]
    public async Task Registration_with_a_made_up_time_zone_is_refused()
    {
        var email = AccountFlows.NewEmail();
        var client = factory.CreateBrowser();

        var response = await client.RegisterAsync(email, timeZone: "Atlantis/Capital");

        Assert.Contains("Atlantis/Capital is not a time zone this server knows, e.g. Europe/Berlin", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Chinese_visitor_gets_the_pages_and_the_confirmation_email_in_Chinese()
    {
        var email = AccountFlows.NewEmail();
        var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");

        var form = await client.GetPageAsync("/Accounts/Register");
        Assert.Equal("创建账户", form.QuerySelector("h1")!.TextContent);
        await client.RegisterAsync(email);

        var mail = Assert.Single(await factory.OutboxToAsync(email));
        Assert.Equal("确认您的电子邮件地址", mail.Subject);
        Assert.Contains("如果这不是您本人的操作，请忽略此邮件。", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("确认我的地址", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_rules_are_explained_in_the_visitors_language()
    {
        var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await client.SubmitAsync("/Accounts/Register", new Dictionary<string, string>
        {
            ["Data.DisplayName"] = "Short",
            ["Data.Email"] = AccountFlows.NewEmail(),
            ["Data.Password"] = "short1",
            ["Data.ConfirmPassword"] = "short1",
            ["Data.TimeZone"] = "UTC",
            ["Data.Accept"] = "true",
        });
        Assert.Contains("密码至少需要 10 个字符。", await response.TextAsync(), StringComparison.Ordinal);
    }
}
