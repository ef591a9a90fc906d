using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Admin;

public sealed class AdminAccessTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    public static TheoryData<string> AdminUrls => ["/Admin", "/Admin/Members", "/Admin/Member?id={admin}", "/Admin/Settings", "/Admin/Audit", "/Admin/Mail", "/Admin/Digests", "/admin/jobs", "/admin/jobs/recurring"];

    private async Task<string> UrlAsync(string template) => template.Replace("{admin}", (await factory.AdminAsync()).Id, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Stranger_is_sent_to_sign_in(string url)
    {
        var response = await factory.CreateBrowser(followRedirects: false).GetAsync(await UrlAsync(url));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Member_is_denied(string url)
    {
        var member = await factory.CreateMemberAsync();
        var response = await (await factory.CreateSignedInBrowserAsync(member, followRedirects: false)).GetAsync(await UrlAsync(url));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Staff_who_are_not_admins_are_denied(string url)
    {
        var moderator = await factory.CreateMemberAsync(null, Roles.Moderator, Roles.Organiser, Roles.GlossaryEditor);
        var response = await (await factory.CreateSignedInBrowserAsync(moderator, followRedirects: false)).GetAsync(await UrlAsync(url));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Accounts/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task Admin_opens_it(string url)
    {
        var response = await (await factory.AdminBrowserAsync(followRedirects: false)).GetAsync(await UrlAsync(url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_second_admin_opens_the_admin_pages_too()
    {
        var admin = await factory.CreateMemberAsync(null, Roles.Admin);
        var client = await factory.CreateSignedInBrowserAsync(admin);
        var page = await client.GetPageAsync("/Admin");
        Assert.NotNull(page.QuerySelector("a[href='/admin/jobs']"));
        Assert.NotNull(page.QuerySelector("a[href='/Invitations']"));
    }

    [Fact]
    public async Task Jobs_dashboard_allows_inline_style_for_its_charts_but_no_inline_script_and_no_framing()
    {
        var client = await factory.AdminBrowserAsync();
        var response = await client.GetAsync("/admin/jobs");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);

        // Its scripts are all served from the dashboard itself, so script-src 'self' is enough for them.
        var page = await response.ReadPageAsync();
        var scripts = page.QuerySelectorAll("script").ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.StartsWith("/admin/jobs/", s.GetAttribute("src") ?? "(inline script)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_pages_outside_the_dashboard_keep_the_strict_policy()
    {
        var client = await factory.AdminBrowserAsync();
        var response = await client.GetAsync("/Admin");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_home_counts_accounts_waiting_for_approval()
    {
        var client = await factory.AdminBrowserAsync();
        var before = (await client.GetPageAsync("/Admin")).QuerySelector("#pending-accounts")!.TextContent;
        await factory.CreatePendingMemberAsync();
        var after = (await client.GetPageAsync("/Admin")).QuerySelector("#pending-accounts")!.TextContent;
        Assert.Equal(Count(before) + 1, Count(after));

        static int Count(string text) => int.Parse(text[(text.LastIndexOfAny([':', '：']) + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Admin_pages_speak_Simplified_Chinese_to_a_Chinese_browser()
    {
        var client = await factory.AdminBrowserAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        Assert.Equal("管理", (await client.GetPageAsync("/Admin")).QuerySelector("h1")!.TextContent);
        Assert.Equal("成员", (await client.GetPageAsync("/Admin/Members")).QuerySelector("h1")!.TextContent);
        Assert.Equal("站点设置", (await client.GetPageAsync("/Admin/Settings")).QuerySelector("h1")!.TextContent);
        Assert.Equal("审计日志", (await client.GetPageAsync("/Admin/Audit")).QuerySelector("h1")!.TextContent);
    }
}
