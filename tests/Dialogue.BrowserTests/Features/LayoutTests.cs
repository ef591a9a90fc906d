using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class LayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Home_page_has_no_serious_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task Keyboard_user_can_skip_to_the_content()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')");
        Assert.Equal("#main", focused);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task Phone_screen_shows_the_page_without_sideways_scrolling()
    {
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
    }

    [Fact]
    public async Task Visitor_switches_the_language_from_the_footer()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Language").SelectOptionAsync("zh-Hans");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        Assert.Equal("zh-Hans", await page.GetAttributeAsync("html", "lang"));
    }
}
