using System.Globalization;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class AccountsTests(BrowserFixture fixture)
{
    private static readonly CultureInfo English = new("en");

    [Fact]
    public async Task Newcomer_registers_confirms_signs_in_and_sees_times_in_the_zone_they_chose()
    {
        var email = $"newcomer-{Guid.NewGuid():N}@test.dialogue";
        var name = ThreadsWorld.Unique("Newcomer");
        var page = await fixture.NewPageAsync(timeZone: "Pacific/Honolulu");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DialogueFactory.Password);
        await page.GetByLabel("Repeat the password").FillAsync(DialogueFactory.Password);
        // The browser's own zone is offered first; the newcomer keeps it.
        Assert.Equal("Pacific/Honolulu", await page.GetByLabel("Time zone").InputValueAsync());
        await page.GetByLabel("I will treat other participants with respect").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        var link = await fixture.App.LinkInLatestEmailAsync(email, "/Accounts/ConfirmEmail");

        await page.GotoAsync(fixture.Local(link));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "your email address is confirmed" })).ToBeVisibleAsync();
        await page.MainContent().GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.FillSignInFormAsync(email, DialogueFactory.Password);

        var account = page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });
        await account.GetByText(name).ClickAsync(); // the user menu
        await account.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your profile" })).ToBeVisibleAsync();
        var createdAt = await fixture.App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.CreatedAt).SingleAsync());
        var memberSince = page.Locator(".profile-facts time");
        await Assertions.Expect(memberSince).ToHaveTextAsync(InZone(createdAt, "Pacific/Honolulu"));
        await Assertions.Expect(memberSince).ToHaveAttributeAsync("title", "Pacific/Honolulu");

        await page.GetByLabel("Time zone").FillAsync("Asia/Shanghai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your profile has been saved." })).ToBeVisibleAsync();

        await Assertions.Expect(memberSince).ToHaveAttributeAsync("title", "Asia/Shanghai");
        await Assertions.Expect(memberSince).ToHaveTextAsync(InZone(createdAt, "Asia/Shanghai"));
        Assert.Equal("Asia/Shanghai", await page.GetByLabel("Time zone").InputValueAsync());
    }

    [Fact]
    public async Task A_time_zone_the_server_does_not_know_is_refused_with_a_clear_message()
    {
        var member = await fixture.App.CreateMemberAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(member.Email!, DialogueFactory.Password);
        await page.GotoAsync("/Accounts/Profile");

        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus_Mons");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Mars/Olympus_Mons" }).First).ToBeVisibleAsync();
        Assert.Equal("Mars/Olympus_Mons", await page.GetByLabel("Time zone").InputValueAsync());
    }

    [Fact]
    public async Task Register_form_announces_a_mistake_at_the_field_and_keeps_what_was_typed()
    {
        var email = $"typo-{Guid.NewGuid():N}@test.dialogue";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Accounts/Register");
        await page.GetByLabel("Display name").FillAsync("Typo Tester");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DialogueFactory.Password);
        await page.GetByLabel("Repeat the password").FillAsync(DialogueFactory.Password + "x");
        await page.GetByLabel("I will treat other participants with respect").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The two passwords do not match." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Repeat the password")).ToHaveAccessibleDescriptionAsync("The two passwords do not match.");
        await Assertions.Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Typo Tester");
        await Assertions.Expect(page.GetByLabel("Email address")).ToHaveValueAsync(email);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Register_form_fits_a_phone_screen()
    {
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync("/Accounts/Register");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToBeVisibleAsync();
        Assert.False(await page.ScrollsSidewaysAsync(), "The register form scrolls sideways on a 390 px screen.");
    }

    /// <summary>"Member since" as the profile shows it: the long date in the given zone.</summary>
    private static string InZone(DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("D", English);
}
