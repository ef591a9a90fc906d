using Dialogue.Tests.Infrastructure;

namespace Dialogue.BrowserTests.Features;

/// <summary>The not-found and access-denied pages, as the people who meet them, on a desktop and a phone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ErrorPagesBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_visitors_not_found_page_has_no_serious_violations(bool phone)
    {
        var page = await fixture.NewPageAsync(phone: phone);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_members_not_found_and_access_denied_pages_have_no_serious_violations(bool phone)
    {
        var member = await fixture.App.CreateMemberAsync();
        var page = await fixture.NewPageAsync(phone: phone);
        await page.SignInAsync(member.Email!, DialogueFactory.Password);

        foreach (var (path, status) in new[] { ("/Threads/987654321", 404), ("/Admin", 403), ("/Moderation/Log", 403) })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == status, $"{path} answered {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }
    }
}
