using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

public sealed class SignInTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Locked_out_after_five_wrong_passwords_even_with_the_right_one_next()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser(followRedirects: false);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.SignInAsync(member.Email!, "wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong email address or password.", await wrong.TextAsync(), StringComparison.Ordinal);
        }
        var fifth = await client.SignInAsync(member.Email!, "wrong-password-1");
        Assert.Equal("/Accounts/Lockout", fifth.Landing());

        var sixth = await client.SignInAsync(member.Email!, DialogueFactory.Password);
        Assert.Equal("/Accounts/Lockout", sixth.Landing());
        Assert.False(await client.IsSignedInAsync());

        var lockout = await client.GetPageAsync("/Accounts/Lockout");
        Assert.Contains("this account is locked for 15 minutes", lockout.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_goes_back_to_the_page_asked_for_but_never_to_another_site()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser(followRedirects: false);
        var asked = await client.SubmitAsync("/Accounts/SignIn?ReturnUrl=%2FAccounts%2FProfile",
            new Dictionary<string, string> { ["Data.Email"] = member.Email!, ["Data.Password"] = DialogueFactory.Password }, "form.sign-in");
        Assert.Equal("/Accounts/Profile", asked.Landing());

        var other = factory.CreateBrowser(followRedirects: false);
        var evil = await other.SubmitAsync("/Accounts/SignIn?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new Dictionary<string, string> { ["Data.Email"] = member.Email!, ["Data.Password"] = DialogueFactory.Password }, "form.sign-in");
        Assert.Equal("/", evil.Landing());
    }

    [Fact]
    public async Task Suspended_member_cannot_sign_in_and_is_told_until_when()
    {
        var member = await factory.CreateMemberAsync();
        var until = factory.Clock.GetUtcNow().AddDays(3);
        await Suspend(member.Id, until);
        var client = factory.CreateBrowser();

        var response = await client.SignInAsync(member.Email!);

        var page = await response.ReadPageAsync();
        Assert.Contains("This account is suspended", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("main .warning time")!.GetAttribute("datetime"));
        Assert.False(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Member_suspended_without_end_date_cannot_sign_in()
    {
        var member = await factory.CreateMemberAsync();
        await Suspend(member.Id, until: null);
        var client = factory.CreateBrowser();

        var text = await (await client.SignInAsync(member.Email!)).TextAsync();

        Assert.Contains("The suspension has no end date.", text, StringComparison.Ordinal);
        Assert.False(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Member_whose_suspension_has_ended_can_sign_in_again()
    {
        var member = await factory.CreateMemberAsync();
        await Suspend(member.Id, factory.Clock.GetUtcNow().AddMinutes(-1));
        var client = factory.CreateBrowser();

        await client.SignInAsync(member.Email!);

        Assert.True(await client.IsSignedInAsync());
        var status = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.Status).SingleAsync());
        Assert.Equal(AccountStatus.Active, status);
    }

    [Fact]
    public async Task Suspended_members_open_session_stops_working_within_a_minute()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);
        Assert.True(await client.IsSignedInAsync());

        await Suspend(member.Id, until: null);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Sign_out_happens_only_by_post()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        await client.GetPageAsync("/Accounts/SignOut");
        Assert.True(await client.IsSignedInAsync());

        var response = await client.SignOutAsync();
        Assert.Equal("/", response.Landing());
        Assert.False(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Unknown_address_gets_the_same_answer_as_a_wrong_password()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        var unknown = await (await client.SignInAsync(AccountFlows.NewEmail("nobody"))).ReadPageAsync();
        var wrong = await (await client.SignInAsync(member.Email!, "wrong-password-1")).ReadPageAsync();
        Assert.Equal(wrong.QuerySelector(".errors")!.TextContent, unknown.QuerySelector(".errors")!.TextContent);
    }

    private Task<int> Suspend(string userId, DateTimeOffset? until) => factory.WithDbAsync(db =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Status, AccountStatus.Suspended)
            .SetProperty(u => u.SuspendedUntil, until)));
}
