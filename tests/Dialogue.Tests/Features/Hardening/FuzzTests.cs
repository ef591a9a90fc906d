using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>
/// Every Razor page, every method, unknown handlers and hostile values (NUL, invalid UTF-8, huge) in the query and
/// in every form field, as a visitor and as a member: the server may refuse, never fail.
/// </summary>
public sealed class FuzzTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "TRACE", "PATCH", "OPTIONS", "HEAD"];

    /// <summary>Raw, already percent-encoded values: a NUL, bytes that are not UTF-8, and a value far over any field's limit.</summary>
    private static readonly string[] HostileValues = ["abc%00def", "abc%C3%28%FF%FEdef", new string('x', 300_000)];

    /// <summary>A real server refuses request lines over 8 KB (Kestrel's limit); the long query value stays just under it.</summary>
    private static readonly string[] HostileQueryValues = [HostileValues[0], HostileValues[1], new string('x', 700)];

    private static readonly string[] QueryNames = ["q", "threadId", "postId", "spaceId", "quotePostId", "code", "token", "returnUrl", "page", "userId"];

    [Fact]
    public async Task No_page_answers_a_server_error_to_any_method_handler_or_hostile_value()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Fuzzed"), "Body of the fuzzed thread");
        var post = await factory.FirstPostAsync(thread.Id);

        var urls = PageRoutes.UrlsOf(factory, new Dictionary<string, string>
        {
            ["threadId"] = thread.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["postId"] = post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["slug"] = space.Slug,
            ["ledgerId"] = "1",
            ["id"] = member.Id,
            ["pollId"] = "1",
        });
        Assert.Contains("/Search", urls);
        Assert.Contains($"/Threads/{thread.Id}", urls);
        Assert.True(urls.Count > 30, $"only {urls.Count} pages found");
        // Ids the pages take from the query, so that their handlers get past "not found".
        var ids = $"threadId={thread.Id}&postId={post.Id}&spaceId={space.Id}";
        urls.AddRange(["/admin/jobs", "/admin/jobs/stats", $"/Threads/Reply?{ids}", $"/Threads/Edit?{ids}", $"/Threads/History?{ids}",
            $"/Spaces/Members?{ids}", $"/Threads/New?{ids}", $"/Moderation/Flag?{ids}"]);

        var failures = new List<string>();
        var visitor = factory.CreateBrowser(followRedirects: false);
        await FuzzAsync("visitor", () => Task.FromResult(visitor), urls, failures);
        await FuzzAsync("member", () => factory.CreateSignedInBrowserAsync(member, followRedirects: false), urls, failures);
        // The jobs dashboard is not a Razor page, but an admin's requests to it must not fail either.
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync(), followRedirects: false);
        foreach (var url in new[] { "/admin/jobs", "/admin/jobs/stats", "/admin/jobs/jobs/enqueued" })
        {
            foreach (var method in Methods)
            {
                await Expect("admin", admin, new HttpRequestMessage(new HttpMethod(method), url), failures);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} server errors:\n" + string.Join("\n", failures.Take(60)));
    }

    private static async Task FuzzAsync(string who, Func<Task<HttpClient>> newClient, List<string> urls, List<string> failures)
    {
        var client = await newClient();
        var token = await AntiforgeryTokenAsync(client);
        foreach (var url in urls)
        {
            if (url.StartsWith("/Accounts/SignOut", StringComparison.Ordinal))
            {
                continue; // would end the member's session for the pages after it; a sign-out is tried on its own below
            }
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            foreach (var method in Methods)
            {
                await Expect(who, client, new HttpRequestMessage(new HttpMethod(method), url), failures);
            }
            foreach (var handler in new[] { "unknown", "", "%00" })
            {
                await Expect(who, client, Form(url + separator + "handler=" + handler, token, []), failures);
            }
            foreach (var value in HostileQueryValues)
            {
                var query = string.Join("&", QueryNames.Select(n => n + "=" + value));
                await Expect(who, client, new HttpRequestMessage(HttpMethod.Get, url + separator + query), failures);
            }

            var page = await client.GetAsync(url);
            if (page.StatusCode != HttpStatusCode.OK || page.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var document = await page.ReadPageAsync();
            foreach (var form in document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>())
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                var names = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>()
                    .Where(n => n.Length > 0 && n != "__RequestVerificationToken").Distinct().ToList();
                foreach (var value in HostileValues)
                {
                    await Expect(who, client, Form(action, token, [.. names.Select(n => (n, value))]), failures);
                }
            }
        }
        var signOut = await newClient();
        await Expect(who, signOut, Form("/Accounts/SignOut", await AntiforgeryTokenAsync(signOut), [("x", HostileValues[0])]), failures);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/Accounts/SignIn");
        return page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
    }

    private static HttpRequestMessage Form(string url, string token, IEnumerable<(string Name, string RawValue)> fields) =>
        RequestErrorTests.RawForm(url, token, fields);

    private static async Task Expect(string who, HttpClient client, HttpRequestMessage request, List<string> failures)
    {
        var description = $"{who} {request.Method} {Shorten(request.RequestUri!.OriginalString)}"
            + (request.Content is null ? "" : " body " + Shorten(await request.Content.ReadAsStringAsync()));
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{(int)response.StatusCode} {description}");
        }
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
