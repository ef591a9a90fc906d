using System.Net;
using System.Text.RegularExpressions;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Errors;

public sealed partial class ErrorPagesTests(ErrorPagesTests.Faulty factory) : IClassFixture<ErrorPagesTests.Faulty>
{
    public const string FaultHeader = "X-Test-Fault";

    /// <summary>The app with a small account-form allowance (for a real 429) and a page filter that throws on request (for a real 500).</summary>
    public sealed class Faulty : DialogueFactory
    {
        public Faulty() => Settings["RateLimits:AccountPostsPerWindow"] = "2";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new ThrowWhenAsked())));
        }
    }

    private sealed class ThrowWhenAsked : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            // The exception handler re-executes /Error with the same headers; only the page that was asked for fails.
            if (context.HttpContext.Request.Headers.ContainsKey(FaultHeader) && context.HttpContext.Request.Path != "/Error")
            {
                throw new InvalidOperationException("A fault the test asked for.");
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }

    public enum Viewer { Visitor, Member }

    private async Task<HttpClient> BrowserAsAsync(Viewer viewer, bool followRedirects = true) => viewer == Viewer.Visitor
        ? factory.CreateBrowser(followRedirects)
        : await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync(), followRedirects);

    private static async Task<(string Title, string Heading)> TitlesAsync(HttpResponseMessage response)
    {
        var page = await response.ReadPageAsync();
        return (page.Title!, page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task Each_status_code_answers_with_its_own_title()
    {
        var visitor = factory.CreateBrowser();
        var member = await BrowserAsAsync(Viewer.Member);
        var signIn = await visitor.GetPageAsync("/Accounts/SignIn");
        var guess = new Dictionary<string, string> { ["Data.Email"] = "nobody@test.dialogue", ["Data.Password"] = "guess-number-1" };
        HttpResponseMessage tooMany;
        var attempts = 0;
        do
        {
            tooMany = await visitor.SubmitAsync(signIn, "/Accounts/SignIn", guess, "form.sign-in");
        }
        while (tooMany.StatusCode == HttpStatusCode.OK && ++attempts < 5);
        var fault = new HttpRequestMessage(HttpMethod.Get, "/Spaces");
        fault.Headers.Add(FaultHeader, "1");

        var answers = new (HttpResponseMessage Response, HttpStatusCode Expected, string Title)[]
        {
            (await member.GetAsync("/Moderation/Log"), HttpStatusCode.Forbidden, "Access denied"),
            (await visitor.GetAsync("/no-such-page"), HttpStatusCode.NotFound, "Page not found"),
            (await visitor.SendAsync(new HttpRequestMessage(HttpMethod.Trace, "/Spaces")), HttpStatusCode.MethodNotAllowed, "Request not accepted"),
            (tooMany, HttpStatusCode.TooManyRequests, "Too many requests"),
            (await visitor.SendAsync(fault), HttpStatusCode.InternalServerError, "Something went wrong"),
        };

        foreach (var (response, expected, title) in answers)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal((title + " · Dialogue", title), await TitlesAsync(response));
        }
    }

    [Fact]
    public async Task Every_error_the_site_explains_has_a_title_of_its_own()
    {
        var visitor = factory.CreateBrowser();
        var titles = new List<string>();
        var messages = new List<string>();
        foreach (var code in new[] { 400, 403, 404, 405, 413, 429, 500, 503 })
        {
            var page = await visitor.GetPageAsync($"/Error?code={code}");
            titles.Add(page.QuerySelector("main h1")!.TextContent);
            messages.Add(page.QuerySelector("main h1 + p")!.TextContent);
        }
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_visitors_404_offers_to_sign_in_and_come_back_to_the_address()
    {
        var response = await factory.CreateBrowser().GetAsync("/Threads/987654321?page=2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadPageAsync();
        var main = page.QuerySelector("main")!;
        Assert.Contains("doesn't exist, or you need to sign in", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Accounts/SignIn?returnUrl=%2FThreads%2F987654321%3Fpage%3D2", main.QuerySelector("a.button")!.GetAttribute("href"));
        // The header's sign-in link and the language switch come back to the address too, not to /Error.
        Assert.NotNull(page.QuerySelector("header a[href='/Accounts/SignIn?returnUrl=%2FThreads%2F987654321%3Fpage%3D2']"));
        Assert.Equal("/Threads/987654321?page=2", page.QuerySelector("footer input[name=returnUrl]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_members_404_has_no_sign_in_link()
    {
        var response = await (await BrowserAsAsync(Viewer.Member)).GetAsync("/Threads/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var main = (await response.ReadPageAsync()).QuerySelector("main")!;
        Assert.Contains("There is nothing here, or you do not have access to it.", main.TextContent, StringComparison.Ordinal);
        Assert.Null(main.QuerySelector("a[href^='/Accounts/SignIn']"));
    }

    [GeneratedRegex("CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex AntiforgeryToken();

    [Theory]
    [InlineData(Viewer.Visitor)]
    [InlineData(Viewer.Member)]
    public async Task A_missing_and_an_unreadable_thread_give_the_same_404_page(Viewer viewer)
    {
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        var red = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, ThreadsWorld.Unique("Red"), "secret body");
        const long missing = 987654321;
        var client = await BrowserAsAsync(viewer);

        var unreadable = await client.GetAsync($"/Threads/{red.Id}");
        var absent = await client.GetAsync($"/Threads/{missing}");

        Assert.Equal(HttpStatusCode.NotFound, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        // Only what differs in any two responses is blanked: the address the viewer typed, and each form's one-time token.
        Assert.Equal(
            Comparable(await absent.Content.ReadAsStringAsync(), missing),
            Comparable(await unreadable.Content.ReadAsStringAsync(), red.Id));
    }

    private static string Comparable(string html, long id) =>
        AntiforgeryToken().Replace(
            Regex.Replace(html, $"(/|%2F)Threads(/|%2F){id}(?![0-9])", "/Threads/ID", RegexOptions.None, TimeSpan.FromSeconds(1)),
            "TOKEN");

    [Theory]
    [InlineData(Viewer.Visitor, "/no-such-page")]
    [InlineData(Viewer.Visitor, "/no-such-folder/picture.png")]
    [InlineData(Viewer.Member, "/no-such-page")]
    [InlineData(Viewer.Member, "/no-such-folder/picture.png")]
    public async Task An_address_that_matches_no_page_is_404_for_everyone(Viewer viewer, string address)
    {
        var response = await (await BrowserAsAsync(viewer, followRedirects: false)).GetAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await TitlesAsync(response)).Heading);
    }

    [Fact]
    public async Task A_real_page_that_needs_sign_in_still_sends_a_visitor_to_sign_in()
    {
        var response = await factory.CreateBrowser(followRedirects: false).GetAsync("/Accounts/Profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Accounts/SignIn", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_member_opening_admin_is_answered_403_with_the_access_denied_page()
    {
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync(null, Roles.Moderator));

        var response = await member.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/Accounts/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await response.ReadPageAsync();
        Assert.Equal("Access denied", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("Your account does not give you access to this page.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
