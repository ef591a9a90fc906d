using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

/// <summary>
/// Every hostile vector of <see cref="XssTests.Vectors"/> is posted to a thread and the thread is rendered in Chromium,
/// once as served (with the site's Content-Security-Policy) and once with CSP bypassed, so the sanitizer alone must
/// hold: no dialog opens, no script runs, no policy violation is even attempted, nothing is fetched from elsewhere,
/// and no link resolves to a scheme other than http(s) or mailto.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class XssBrowserTests(BrowserFixture fixture)
{
    // Runs before any page script (through the DevTools protocol, so CSP does not stop it): records what executes.
    private const string Watch = """
        window.__xss = [];
        document.addEventListener('securitypolicyviolation', e => window.__xss.push('csp ' + e.violatedDirective + ' ' + e.blockedURI), true);
        """;

    // Fires the events inline handlers in the vectors listen for, on every element of every post body.
    private const string Provoke = """
        () => {
          for (const el of document.querySelectorAll('.post-body *, h1 *')) {
            for (const type of ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'focus', 'blur', 'toggle', 'load', 'error', 'animationstart']) {
              el.dispatchEvent(new Event(type, { bubbles: true }));
            }
            if (el.tagName !== 'A' && typeof el.click === 'function') { el.click(); }
            if (typeof el.focus === 'function') { el.focus(); }
          }
        }
        """;

    // Links as the browser resolved them (entities, tabs and case tricks included) whose scheme is not a safe one.
    private const string UnsafeLinks = """
        () => [...document.querySelectorAll('.post-body a[href], .post-body [src], .post-body [action], .post-body [formaction]')]
          .map(el => el.href || el.src || el.action || el.formAction || '')
          .filter(u => u && !/^(https?:|mailto:)/i.test(u))
        """;

    [Fact]
    public async Task No_vector_executes_when_a_thread_of_them_is_rendered_in_Chromium()
    {
        var app = fixture.App;
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await app.CreateMemberAsync();
        await app.AddToSpaceAsync(space.Id, author);
        var thread = await app.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, "<img src=x onerror=alert(1)> " + ThreadsWorld.Unique("XSS"),
            "Vectors follow.");
        foreach (var vector in XssTests.Vectors)
        {
            await app.ReplyAsync(thread.Id, author, vector);
        }
        Assert.True(XssTests.Vectors.Length >= 50, $"Only {XssTests.Vectors.Length} vectors.");

        foreach (var bypassCsp in new[] { false, true })
        {
            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, BypassCSP = bypassCsp });
            await context.AddInitScriptAsync(Watch);
            var page = await context.NewPageAsync();
            var executed = new List<string>();
            page.Dialog += async (_, dialog) =>
            {
                executed.Add($"dialog {dialog.Type}: {dialog.Message}");
                await dialog.DismissAsync();
            };
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    executed.Add($"request {request.Url}");
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    executed.Add($"console {message.Text}");
                }
            };

            var bodies = 0;
            var pages = (XssTests.Vectors.Length + 1 + 19) / 20;
            for (var number = 1; number <= pages; number++)
            {
                await page.GotoAsync($"/Threads/{thread.Id}?p={number}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                bodies += await page.Locator(".post-body").CountAsync();
                await page.EvaluateAsync(Provoke);
                await page.WaitForTimeoutAsync(200);
                executed.AddRange(await page.EvaluateAsync<string[]>("() => window.__xss"));
                executed.AddRange((await page.EvaluateAsync<string[]>(UnsafeLinks)).Select(u => $"unsafe link {u}"));
                Assert.Equal(0, await page.Locator("iframe, frame, object, embed, script:not([src^='/'])").CountAsync());
                if (!page.Url.Contains($"/Threads/{thread.Id}", StringComparison.Ordinal))
                {
                    executed.Add($"navigated to {page.Url}");
                }
            }
            Assert.Equal(XssTests.Vectors.Length + 1, bodies);
            Assert.True(executed.Count == 0, $"CSP {(bypassCsp ? "bypassed" : "as served")}:\n" + string.Join("\n", executed));

            // The watch can fail: an inline handler planted in the page is caught, as a dialog without CSP, as a violation with it.
            await page.EvaluateAsync("() => { const img = document.createElement('img'); img.setAttribute('onerror', 'alert(\"planted\")'); img.src = '/planted-missing.png'; document.body.append(img); }");
            await page.WaitForTimeoutAsync(500);
            if (bypassCsp)
            {
                Assert.Contains(executed, e => e.StartsWith("dialog alert: planted", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(await page.EvaluateAsync<string[]>("() => window.__xss"), e => e.StartsWith("csp ", StringComparison.Ordinal));
            }
            await context.DisposeAsync();
        }
    }
}
