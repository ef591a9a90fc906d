using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>Requests the app cannot serve answer 4xx and say why; hostile text is cleaned once, for every field.</summary>
public sealed class RequestErrorTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Visitor_search_with_a_NUL_in_the_query_answers_200()
    {
        var response = await factory.CreateClient().GetAsync("/Search?q=abc%00");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Trace_answers_405_and_a_post_no_handler_takes_answers_405_or_404()
    {
        var (thread, member) = await ThreadAsync();
        var client = await factory.CreateSignedInBrowserAsync(member, followRedirects: false);
        var token = await TokenAsync(client);

        var trace = await client.SendAsync(new HttpRequestMessage(HttpMethod.Trace, $"/Threads/{thread}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, trace.StatusCode);
        Assert.Contains("GET", trace.Content.Headers.Allow);
        Assert.DoesNotContain("Exception", await trace.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var postToSearch = await client.SendAsync(RawForm("/Search", token, []));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postToSearch.StatusCode);

        var unknownHandler = await client.SendAsync(RawForm($"/Threads/{thread}?handler=unknown", token, []));
        Assert.Equal(HttpStatusCode.NotFound, unknownHandler.StatusCode);
        var noHandler = await client.SendAsync(RawForm($"/Threads/{thread}", token, []));
        Assert.Equal(HttpStatusCode.NotFound, noHandler.StatusCode);
    }

    [Fact]
    public async Task Admin_get_of_the_jobs_stats_endpoint_answers_405()
    {
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync(), followRedirects: false);
        var response = await admin.GetAsync("/admin/jobs/stats");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_5_MB_reply_is_refused_as_too_long_with_the_draft_kept()
    {
        var (thread, member) = await ThreadAsync();
        var client = await factory.CreateSignedInBrowserAsync(member);
        var draft = "A long draft. " + new string('z', 5 * 1024 * 1024);
        var response = await client.SubmitAsync($"/Threads/Reply?threadId={thread}", new Dictionary<string, string> { ["Data.Body"] = draft });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains("A post can be at most 20,000 characters.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(draft, page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Data.Body']")!.Value);
    }

    [Fact]
    public async Task A_NUL_in_a_reply_is_dropped_and_bytes_that_are_not_UTF8_are_replaced()
    {
        var (thread, member) = await ThreadAsync();
        var client = await factory.CreateSignedInBrowserAsync(member, followRedirects: false);
        var marker = Guid.NewGuid().ToString("N");
        var response = await client.SendAsync(RawForm($"/Threads/Reply?threadId={thread}", await TokenAsync(client),
            [("Data.Body", $"{marker}+with+a%00NUL+and+%C3%28%FF+bytes")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Posts.AsNoTracking().Where(p => p.ThreadId == thread && p.Source.StartsWith(marker)).Select(p => p.Source).SingleAsync());
        Assert.Equal($"{marker} with aNUL and \uFFFD(\uFFFD bytes", stored);
    }

    private async Task<(long Thread, Dialogue.Data.Accounts.DialogueUser Member)> ThreadAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Errors"), "First post");
        return (thread.Id, member);
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/Accounts/SignIn")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    /// <summary>A form body exactly as given (already percent-encoded), so a test can send bytes no browser API would.</summary>
    internal static HttpRequestMessage RawForm(string url, string token, IEnumerable<(string Name, string RawValue)> fields) =>
        new(HttpMethod.Post, url)
        {
            Content = new StringContent(
                string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + f.RawValue).Append("__RequestVerificationToken=" + Uri.EscapeDataString(token))),
                Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
}
