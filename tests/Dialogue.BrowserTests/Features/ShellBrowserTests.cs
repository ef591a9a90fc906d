using Dialogue.Data.Accounts;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

/// <summary>The header, menus and every page of the shell, as a keyboard user and on a phone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ShellBrowserTests(BrowserFixture fixture)
{
    /// <summary>A moderator of a closed space with one flagged post and one join request waiting.</summary>
    private async Task<(DialogueUser Moderator, Space Space, long ThreadId)> ModeratorWithWorkAsync()
    {
        var app = fixture.App;
        var moderator = await app.CreateMemberAsync();
        var member = await app.CreateMemberAsync();
        var applicant = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Closed);
        await app.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await app.AddToSpaceAsync(space.Id, member);
        var thread = await app.StartThreadAsync(space.Id, member, SensitivityLabel.Green, ThreadsWorld.Unique("River gauges 河流水位"),
            "Which **gauges** do you trust?\n\n- upstream\n- downstream");
        var post = await app.FirstPostAsync(thread.Id);
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            db.Flags.Add(new Flag { PostId = post.Id, FlaggedById = applicant.Id, Reason = FlagReason.Spam, CreatedAt = now });
            db.SpaceMembers.Add(new SpaceMember { SpaceId = space.Id, UserId = applicant.Id, Status = SpaceMemberStatus.Requested, CreatedAt = now, RequestMessage = "I measure rivers." });
            await db.SaveChangesAsync();
        });
        return (moderator, space, thread.Id);
    }

    /// <summary>Tabs from the top of the page and names each element that takes focus, until the main content.</summary>
    private static async Task<List<string>> TabOrderAsync(IPage page)
    {
        var names = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var name = await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; if (e.closest('main')) return '<main>'; return e.tagName + ':' + (e.getAttribute('aria-label') || e.textContent || e.getAttribute('placeholder') || '').replace(/\\s+/g, ' ').trim(); }");
            if (name == "<main>")
            {
                break;
            }
            names.Add(name);
        }
        return names;
    }

    [Fact]
    public async Task Keyboard_user_reaches_every_header_link_and_the_staff_badge_counts_the_work_waiting()
    {
        var (moderator, space, _) = await ModeratorWithWorkAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(moderator.Email!, DialogueFactory.Password);
        await page.GotoAsync("/Spaces");

        var order = await TabOrderAsync(page);

        string[] expected = ["A:Skip to content", "A:Dialogue", "INPUT:Search", "BUTTON:Search", "A:Spaces", "SUMMARY:Review 2 items waiting", $"SUMMARY:{moderator.DisplayName}"];
        var positions = expected.Select(e => order.FindIndex(o => o.StartsWith(e, StringComparison.Ordinal))).ToList();
        Assert.True(positions.All(p => p >= 0), "Tab order: " + string.Join(" | ", order));
        Assert.Equal(positions.Order(), positions);

        // The staff menu opens from the keyboard and lists the work by kind.
        var review = page.Locator(".staff-work summary");
        await review.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var menu = page.Locator(".staff-work .menu-list");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToContainTextAsync("Flagged posts (1)");
        await Assertions.Expect(menu).ToContainTextAsync($"Join requests for {space.Name} (1)");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Flagged posts (1)", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Moderation/Queue#flags");

        // The user menu leads to the notification settings.
        await page.Locator(".user-menu summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 10 && (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim() != "Notification settings"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Threads/NotificationSettings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notification settings" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Visitor_reaches_sign_in_register_and_the_public_digest_from_the_header()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Spaces");

        var order = await TabOrderAsync(page);

        string[] expected = ["A:Skip to content", "A:Dialogue", "INPUT:Search", "BUTTON:Search", "A:Spaces", "A:Sign in", "A:Register", "A:Subscribe to the public digest"];
        var positions = expected.Select(e => order.FindIndex(o => o.StartsWith(e, StringComparison.Ordinal))).ToList();
        Assert.True(positions.All(p => p >= 0), "Tab order: " + string.Join(" | ", order));
        Assert.Equal(positions.Order(), positions);
    }

    public static TheoryData<bool> Widths() => new() { false, true };


    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Shell_pages_have_no_serious_violations_and_fit_the_screen(bool phone)
    {
        var (moderator, space, threadId) = await ModeratorWithWorkAsync();
        var visitor = await fixture.NewPageAsync(phone: phone);
        await CheckAsync(visitor, phone, "/", "/Spaces", "/Digests/Subscribe", "/Search?q=gauges", "/Accounts/SignIn");

        var page = await fixture.NewPageAsync(phone: phone);
        await page.SignInAsync(moderator.Email!, DialogueFactory.Password);
        await CheckAsync(page, phone, "/", "/Search?q=gauges", "/Threads/NotificationSettings", "/Threads/Notifications", $"/Members/{moderator.Id}",
            "/Digests/Settings", "/Moderation/Queue", "/Moderation/Log", $"/Threads/{threadId}", $"/Threads/Title?threadId={threadId}",
            $"/Spaces/Members?spaceId={space.Id}", "/Accounts/Profile", "/Accounts/ChangePassword");

        var admin = await fixture.NewPageAsync(phone: phone);
        await admin.SignInAsync(DialogueFactory.AdminEmail, DialogueFactory.Password);
        await CheckAsync(admin, phone, "/Admin", "/Admin/Members", "/Admin/Mail", "/Admin/Digests", "/Admin/Audit", "/Admin/Settings", "/Invitations", "/Spaces/Edit", $"/Spaces/Edit?spaceId={space.Id}");
    }

    private static async Task CheckAsync(IPage page, bool phone, params string[] paths)
    {
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
            if (phone)
            {
                Assert.False(await page.ScrollsSidewaysAsync(), $"{path} scrolls sideways on a 390 px screen: " + await page.WiderThanTheScreenAsync());
            }
        }
    }
}
