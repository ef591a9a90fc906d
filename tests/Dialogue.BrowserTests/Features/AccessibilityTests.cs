using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

/// <summary>axe scans, as the visitor, member or admin who would open each page.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Accounts/SignIn")]
    [InlineData("/Accounts/Register")]
    public async Task Visitor_pages_have_no_serious_violations(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Visitor_sign_in_page_with_an_error_has_no_serious_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Accounts/SignIn");
        var form = page.Locator("form.sign-in");
        await form.GetByLabel("Email address").FillAsync($"nobody-{Guid.NewGuid():N}@test.dialogue");
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password-1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Member_pages_have_no_serious_violations()
    {
        var (member, space, threadId) = await WorldAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(member.Email!, DialogueFactory.Password);
        foreach (var path in new[]
        {
            "/Accounts/Profile",
            "/Accounts/TwoFactor",
            "/Spaces",
            $"/Spaces/{space.Slug}",
            $"/Threads/{threadId}",
            $"/Threads/New?spaceId={space.Id}",
            $"/Threads/Reply?threadId={threadId}",
            "/Threads/Notifications",
        })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task Admin_pages_have_no_serious_violations()
    {
        await fixture.App.CreateMemberAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(DialogueFactory.AdminEmail, DialogueFactory.Password);
        foreach (var path in new[] { "/Admin/Members", "/Invitations" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task Thread_page_in_simplified_chinese_has_no_serious_violations()
    {
        var (member, _, threadId) = await WorldAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(member.Email!, DialogueFactory.Password);
        await page.GotoAsync($"/Threads/{threadId}");
        await page.GetByLabel("Language").SelectOptionAsync("zh-Hans");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        Assert.EndsWith($"/Threads/{threadId}", page.Url, StringComparison.Ordinal);
        Assert.Equal("zh-Hans", await page.GetAttributeAsync("html", "lang"));
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>A member of an open space holding a thread with a quoted reply, a mention and a notification.</summary>
    private async Task<(Dialogue.Data.Accounts.DialogueUser Member, Dialogue.Data.Spaces.Space Space, long ThreadId)> WorldAsync()
    {
        var app = fixture.App;
        var member = await app.CreateMemberAsync();
        var other = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Green);
        await app.AddToSpaceAsync(space.Id, member);
        await app.AddToSpaceAsync(space.Id, other);
        var thread = await app.StartThreadAsync(space.Id, member, SensitivityLabel.Amber, ThreadsWorld.Unique("Water data 水文数据"),
            "First post with **Markdown**, a [link](https://example.org) and a list:\n\n- one\n- two");
        var first = await app.FirstPostAsync(thread.Id);
        await app.ReplyAsync(thread.Id, other, $"> [quote={first.Id}]\n>\n> First post\n\nAgreed, @{member.Email!.Split('@')[0]}.");
        return (member, space, thread.Id);
    }
}
