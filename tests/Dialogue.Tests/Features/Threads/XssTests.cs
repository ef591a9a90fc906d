using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Threads;

/// <summary>
/// Hostile Markdown: none of these vectors may leave anything executable, styled or framed in the rendered page.
/// Dialogue.BrowserTests' XssBrowserTests renders every one of them in Chromium and asserts that nothing executes.
/// </summary>
public sealed class XssTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    public static readonly string[] Vectors =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"color:red\">styled</p>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click]( javascript:alert(1) )",
        "[click](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x](https://evil.example/track.png)",
        "![x\" onerror=\"alert(1)](https://evil.example/x.png)",
        "[x](https://example.org \"title\" onmouseover=\"alert(1)\")",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=\"https://evil.example\"><input name=x><button>go</button></form>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<marquee onstart=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<style>body{display:none}</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>",
        "# Heading {onclick=alert(1)}",
        "Text {style=\"color:red\"}",
        "[x](https://example.org){onmouseover=alert(1)}",
        "![youtube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<!--<script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)\">x</a>",
        "[x](java\tscript:alert(1))",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<div id=\"main\">clobber</div>",
        "<span class=\"tlp tlp-clear\">TLP:CLEAR fake</span>",
        "```html\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
        "::: warning\n<script>alert(1)</script>\n:::",
        "$$\n\\href{javascript:alert(1)}{x}\n$$",
        "<xss onafterscriptexecute=alert(1)><script>1</script>",
    ];

    private static readonly string[] ForbiddenElements =
        ["script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "input", "button", "img", "svg", "math", "video", "audio", "source", "details", "marquee", "frame"];

    [Fact]
    public async Task No_vector_survives_into_the_rendered_thread_page()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("XSS"), "Vectors follow.");
        foreach (var vector in Vectors)
        {
            await factory.ReplyAsync(thread.Id, author, vector);
        }

        var client = factory.CreateBrowser();
        var pages = (Vectors.Length + 1 + 19) / 20;
        var bodies = 0;
        for (var page = 1; page <= pages; page++)
        {
            var document = await client.GetPageAsync($"/Threads/{thread.Id}?p={page}");
            foreach (var body in document.QuerySelectorAll(".post-body"))
            {
                bodies++;
                var html = body.InnerHtml;
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                foreach (var element in body.QuerySelectorAll("*"))
                {
                    Assert.DoesNotContain(element.LocalName, ForbiddenElements);
                    foreach (var attribute in element.Attributes)
                    {
                        Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} in {html}");
                        Assert.NotEqual("style", attribute.Name);
                        Assert.NotEqual("id", attribute.Name);
                        Assert.NotEqual("srcdoc", attribute.Name);
                        Assert.NotEqual("background", attribute.Name);
                        if (element.LocalName != "blockquote" && element.LocalName != "p" && element.LocalName != "span")
                        {
                            Assert.NotEqual("class", attribute.Name);
                        }
                    }
                    if (element.GetAttribute("href") is { } href)
                    {
                        Assert.Matches("^(https?:|mailto:|/Threads/Post/)", href);
                        if (href.StartsWith("http", StringComparison.Ordinal))
                        {
                            Assert.Equal("nofollow noopener", element.GetAttribute("rel"));
                        }
                    }
                }
            }
        }
        Assert.Equal(Vectors.Length + 1, bodies);
    }

    [Fact]
    public async Task Plain_markdown_still_renders()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Md"),
            "# Findings\n\n**bold** and *em*, a [link](https://example.org), `code`,\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two");
        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/{thread.Id}");
        var body = page.QuerySelector(".post-body")!;
        Assert.NotNull(body.QuerySelector("h3"));
        Assert.NotNull(body.QuerySelector("strong"));
        Assert.NotNull(body.QuerySelector("table td"));
        Assert.NotNull(body.QuerySelector("ul li"));
        Assert.Equal("https://example.org", body.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("nofollow noopener", body.QuerySelector("a")!.GetAttribute("rel"));
    }
}
