using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

public sealed class ProfileTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Bad_time_zone_is_rejected_with_a_clear_message_and_nothing_is_saved()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        var response = await client.SubmitAsync("/Accounts/Profile", new Dictionary<string, string>
        {
            ["Data.DisplayName"] = "Renamed",
            ["Data.Affiliation"] = "Somewhere",
            ["Data.TimeZone"] = "Mars/Olympus_Mons",
        }, "form.profile");

        var page = await response.ReadPageAsync();
        Assert.Equal("/Accounts/Profile", response.Landing());
        Assert.Equal("Mars/Olympus_Mons is not a time zone this server knows, e.g. Europe/Berlin",
            page.QuerySelector("[data-valmsg-for='Data.TimeZone']")!.TextContent.Trim());
        // The form keeps what was typed, so it can be corrected.
        Assert.Equal("Renamed", page.QuerySelector<IHtmlInputElement>("#Data_DisplayName")!.Value);
        var saved = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.Equal(member.DisplayName, saved.DisplayName);
        Assert.Null(saved.Affiliation);
        Assert.Equal("UTC", saved.TimeZoneId);
    }

    [Fact]
    public async Task Saved_profile_changes_the_zone_and_language_the_site_uses()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        var response = await client.SubmitAsync("/Accounts/Profile", new Dictionary<string, string>
        {
            ["Data.DisplayName"] = "Wei Zhang",
            ["Data.Affiliation"] = "Peking University",
            ["Data.Country"] = "China",
            ["Data.PreferredLanguages"] = "zh-Hans, en",
            ["Data.TimeZone"] = "Asia/Shanghai",
            ["Data.UiCulture"] = "zh-Hans",
            ["Data.Bio"] = "Interpretability.",
        }, "form.profile");

        var page = await response.ReadPageAsync();
        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("您的个人资料已保存。", page.QuerySelector("main .notice[role=status]")!.TextContent);
        Assert.Equal("Asia/Shanghai", page.QuerySelector(".profile-facts time")!.GetAttribute("title"));
        var saved = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.Equal(("Wei Zhang", "Peking University", "China", "zh-Hans, en", "Asia/Shanghai", "zh-Hans", "Interpretability."),
            (saved.DisplayName, saved.Affiliation, saved.Country, saved.PreferredLanguages, saved.TimeZoneId, saved.UiCulture, saved.Bio));
    }

    [Fact]
    public async Task Bio_longer_than_2000_characters_is_refused()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        var response = await client.SubmitAsync("/Accounts/Profile", new Dictionary<string, string>
        {
            ["Data.DisplayName"] = member.DisplayName,
            ["Data.Bio"] = new string('x', 2001),
        }, "form.profile");

        Assert.Contains("Short bio can be at most 2000 characters long.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.Bio).SingleAsync()));
    }

    [Fact]
    public async Task Email_changes_only_once_the_new_address_is_confirmed()
    {
        var member = await factory.CreateMemberAsync();
        var newEmail = AccountFlows.NewEmail("moved");
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        await client.SubmitAsync("/Accounts/ChangeEmail", new Dictionary<string, string> { ["Data.NewEmail"] = newEmail });

        Assert.Equal(member.Email, await EmailOf(member.Id));
        Assert.Equal("account-email-change-notice", Assert.Single(await factory.OutboxToAsync(member.Email!)).Kind);
        Assert.Equal("account-email-change", Assert.Single(await factory.OutboxToAsync(newEmail)).Kind);

        var confirmed = await client.FollowEmailLinkAsync(factory, newEmail, "/Accounts/ConfirmEmailChange");
        Assert.Contains($"Your email address is now {newEmail}.", await confirmed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(newEmail, await EmailOf(member.Id));

        await client.SignOutAsync();
        await client.SignInAsync(member.Email!);
        Assert.False(await client.IsSignedInAsync());
        await client.SignInAsync(newEmail);
        Assert.True(await client.IsSignedInAsync());
    }

    [Fact]
    public async Task Email_change_to_an_address_another_account_uses_fails_when_confirmed()
    {
        var member = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        await client.SubmitAsync("/Accounts/ChangeEmail", new Dictionary<string, string> { ["Data.NewEmail"] = other.Email! });
        var confirmed = await client.FollowEmailLinkAsync(factory, other.Email!, "/Accounts/ConfirmEmailChange");

        Assert.Contains($"Another account already uses the address {other.Email}.", await confirmed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(member.Email, await EmailOf(member.Id));
    }

    [Fact]
    public async Task Member_changes_their_password()
    {
        var member = await factory.CreateMemberAsync();
        var client = factory.CreateBrowser();
        await client.SignInAsync(member.Email!);

        var wrong = await client.SubmitAsync("/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Data.CurrentPassword"] = "not-my-password-1",
            ["Data.NewPassword"] = AccountFlows.NewPassword,
            ["Data.ConfirmPassword"] = AccountFlows.NewPassword,
        });
        Assert.Contains("The password is not correct.", await wrong.TextAsync(), StringComparison.Ordinal);

        var changed = await client.SubmitAsync("/Accounts/ChangePassword", new Dictionary<string, string>
        {
            ["Data.CurrentPassword"] = DialogueFactory.Password,
            ["Data.NewPassword"] = AccountFlows.NewPassword,
            ["Data.ConfirmPassword"] = AccountFlows.NewPassword,
        });
        Assert.Equal("/Accounts/Profile", changed.Landing());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await client.IsSignedInAsync());

        await client.SignOutAsync();
        await client.SignInAsync(member.Email!, AccountFlows.NewPassword);
        Assert.True(await client.IsSignedInAsync());
    }

    private Task<string?> EmailOf(string userId) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync());
}
