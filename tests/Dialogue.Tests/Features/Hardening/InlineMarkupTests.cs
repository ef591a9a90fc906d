using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>
/// The Content-Security-Policy forbids inline style and script, so the browser silently drops them: a page that
/// relies on one looks or works wrong only in a real browser. Every page, as every kind of viewer, carries none.
/// </summary>
public sealed class InlineMarkupTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task No_page_carries_an_inline_style_script_or_event_handler_for_any_viewer()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Closed);
        var member = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Inline"),
            "A body with **bold**, `code`, a [link](https://example.org) and > a quote.");
        await factory.ReplyAsync(thread.Id, moderator, "A reply to make a second post.");
        var post = await factory.FirstPostAsync(thread.Id);
        var id = (long value) => value.ToString(CultureInfo.InvariantCulture);
        var urls = PageRoutes.UrlsOf(factory, new Dictionary<string, string>
        {
            ["threadId"] = id(thread.Id),
            ["postId"] = id(post.Id),
            ["slug"] = space.Slug,
            ["id"] = member.Id,
        });
        var ids = $"threadId={thread.Id}&postId={post.Id}&spaceId={space.Id}";
        urls.AddRange([$"/Threads/Reply?{ids}", $"/Threads/Edit?{ids}", $"/Threads/History?{ids}", $"/Threads/Title?{ids}",
            $"/Spaces/Members?{ids}", $"/Spaces/Edit?{ids}", $"/Threads/New?{ids}", $"/Moderation/Flag?{ids}", $"/Search?q=body"]);

        var viewers = new (string Who, HttpClient Client)[]
        {
            ("visitor", factory.CreateBrowser()),
            ("member", await factory.CreateSignedInBrowserAsync(member)),
            ("moderator", await factory.CreateSignedInBrowserAsync(moderator)),
            ("admin", await factory.CreateSignedInBrowserAsync(await factory.AdminAsync())),
        };
        var parser = new HtmlParser();
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var (who, client) in viewers)
        {
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                checkedPages++;
                var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
                foreach (var element in document.QuerySelectorAll("*"))
                {
                    var inline = element.Attributes.Select(a => a.Name)
                        .Where(name => name == "style" || name.StartsWith("on", StringComparison.Ordinal)).ToList();
                    if (element.LocalName == "script" && !element.HasAttribute("src"))
                    {
                        inline.Add("inline script");
                    }
                    if (element.LocalName == "style")
                    {
                        inline.Add("style element");
                    }
                    failures.AddRange(inline.Select(what => $"{who} {url} ({(int)response.StatusCode}): {what} on <{element.LocalName}>"));
                }
            }
        }
        Assert.True(checkedPages > 100, $"only {checkedPages} pages checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(50)));
    }
}
