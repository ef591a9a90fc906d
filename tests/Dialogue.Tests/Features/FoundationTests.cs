using System.Net;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features;

public sealed class FoundationTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Health_endpoint_answers_200_when_the_database_is_reachable()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await factory.CreateClient().GetAsync("/");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_load_nothing_from_another_origin()
    {
        var page = await factory.CreateClient().GetPageAsync("/");
        var sources = page.QuerySelectorAll("script[src], link[href], img[src]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("/", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chinese_browser_gets_the_page_in_Simplified_Chinese()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var page = await client.GetPageAsync("/");
        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("欢迎", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switcher_sets_the_language_for_a_visitor()
    {
        var client = factory.CreateBrowser();
        var response = await client.SubmitAsync("/", new Dictionary<string, string> { ["culture"] = "zh-Hans" }, "form.language-switcher");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Stranger_gets_404_for_an_unknown_address_and_is_sent_to_sign_in_for_a_members_only_page()
    {
        var client = factory.CreateBrowser(followRedirects: false);
        var unknown = await client.GetAsync("/no/such/page");
        var membersOnly = await client.GetAsync("/Accounts/Profile");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, membersOnly.StatusCode);
        Assert.StartsWith("/Accounts/SignIn", membersOnly.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
