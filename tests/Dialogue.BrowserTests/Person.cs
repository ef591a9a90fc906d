using Microsoft.Playwright;

namespace Dialogue.BrowserTests;

/// <summary>What a person does in the browser, through labels and roles, shared by the journeys.</summary>
public static class Person
{
    /// <summary>Signs in on the sign-in page, as a person would, and waits to leave it.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/Accounts/SignIn");
        await page.FillSignInFormAsync(email, password);
    }

    public static async Task FillSignInFormAsync(this IPage page, string email, string password)
    {
        // The page has a second "Email address" field (resend the confirmation), so stay in the sign-in form.
        var form = page.Locator("form.sign-in");
        await form.GetByLabel("Email address").FillAsync(email);
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Accounts/SignIn", StringComparison.OrdinalIgnoreCase));
        }
        catch (TimeoutException)
        {
            // Say what the page said instead of only "timeout", so a failed sign-in can be told from a slow one.
            var said = await page.Locator("main").InnerTextAsync();
            throw new TimeoutException($"Still on {page.Url} after signing in as {email}; the page says: {said}");
        }
    }

    /// <summary>The page's main content (the layout's navigation repeats some link names).</summary>
    public static ILocator MainContent(this IPage page) => page.Locator("main");

    /// <summary>True when the page is wider than the screen, so that a reader has to scroll sideways.</summary>
    public static Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>Names the innermost elements that reach past the screen's edge, so a failure says what to fix.</summary>
    public static Task<string> WiderThanTheScreenAsync(this IPage page) => page.EvaluateAsync<string>(
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        + ".slice(-4).map(e => e.tagName + '.' + e.className).join(', ')");
}
