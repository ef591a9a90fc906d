using System.Text.Json;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Privacy;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

/// <summary>The privacy controls as their users meet them: Chatham House names, the data download, and every privacy page on a desktop and a phone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PrivacyBrowserTests(BrowserFixture fixture)
{
    private sealed record World(DialogueUser Moderator, DialogueUser Member, DialogueUser Other, Space Space, long ChathamThreadId, long RedThreadId, string Body);

    private async Task<World> WorldAsync()
    {
        var app = fixture.App;
        var moderator = await app.CreateMemberAsync();
        var member = await app.CreateMemberAsync();
        var other = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        await app.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await app.AddToSpaceAsync(space.Id, member);
        await app.AddToSpaceAsync(space.Id, other);
        var body = "Our unpublished numbers " + Guid.NewGuid().ToString("N")[..8];
        var chatham = await app.StartChathamThreadAsync(space.Id, member, SensitivityLabel.Amber, ThreadsWorld.Unique("Under the rule"), body);
        await app.ReplyAsync(chatham.Id, other, "A reply under the rule.");
        var red = await app.StartThreadAsync(space.Id, member, SensitivityLabel.Red, ThreadsWorld.Unique("Named participants"), "Only for us.", other, moderator);
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            db.AccessReviews.Add(new AccessReview
            {
                SpaceId = space.Id,
                Key = $"browser:{space.Id}",
                Round = 1,
                OpenedAt = now,
                LapsesAt = now.AddDays(14),
                Items =
                [
                    new AccessReviewItem { UserId = moderator.Id, Role = SpaceRole.Moderator, JoinedAt = now, Decision = AccessReviewDecision.Confirmed, DecidedById = moderator.Id, DecidedAt = now },
                    new AccessReviewItem { UserId = member.Id, JoinedAt = now },
                    new AccessReviewItem { UserId = other.Id, JoinedAt = now },
                ],
            });
            await db.SaveChangesAsync();
        });
        return new World(moderator, member, other, space, chatham.Id, red.Id, body);
    }

    [Fact]
    public async Task A_moderator_sees_names_in_a_chatham_house_thread_after_revealing_while_a_member_sees_only_pseudonyms()
    {
        var world = await WorldAsync();

        var member = await fixture.NewPageAsync();
        await member.SignInAsync(world.Other.Email!, DialogueFactory.Password);
        await member.GotoAsync($"/Threads/{world.ChathamThreadId}");
        var seenByMember = await member.MainContent().InnerTextAsync();
        Assert.Contains("Participant 1", seenByMember, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Member.DisplayName, seenByMember, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Member.DisplayName, await member.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await member.GetByRole(AriaRole.Button, new() { Name = "Reveal who is who (written to the access log)" }).CountAsync());

        var moderator = await fixture.NewPageAsync();
        await moderator.SignInAsync(world.Moderator.Email!, DialogueFactory.Password);
        await moderator.GotoAsync($"/Threads/{world.ChathamThreadId}");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Reveal who is who (written to the access log)" }).ClickAsync();
        await Assertions.Expect(moderator.MainContent()).ToContainTextAsync(world.Member.DisplayName);
        await Assertions.Expect(moderator.MainContent()).ToContainTextAsync(world.Other.DisplayName);
        await Assertions.Expect(moderator.MainContent()).ToContainTextAsync("written to the access log");
    }

    [Fact]
    public async Task A_member_downloads_their_data_as_json_holding_their_posts()
    {
        var world = await WorldAsync();
        var page = await fixture.NewPageAsync();
        await page.SignInAsync(world.Member.Email!, DialogueFactory.Password);
        await page.GotoAsync("/Accounts/PersonalData");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download my data (JSON)" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var text = json.RootElement.GetRawText();
        Assert.Contains(world.Member.Email!, text, StringComparison.Ordinal);
        Assert.Contains(world.Body, text, StringComparison.Ordinal);
        Assert.Contains("Only for us.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("A reply under the rule.", text, StringComparison.Ordinal);
    }

    public static TheoryData<bool> Screens() => [false, true];

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_privacy_page_has_no_serious_violations_and_fits_the_screen(bool phone)
    {
        var world = await WorldAsync();
        var pages = new (string Email, string[] Paths)[]
        {
            (world.Member.Email!, ["/Accounts/PersonalData", "/Accounts/Sessions", $"/Privacy/ReadBy?threadId={world.RedThreadId}", $"/Privacy/AccessReview?threadId={world.RedThreadId}"]),
            (world.Moderator.Email!, [$"/Privacy/SpaceAccessLog?spaceId={world.Space.Id}", $"/Privacy/Retention?spaceId={world.Space.Id}", $"/Privacy/AccessReview?spaceId={world.Space.Id}"]),
            (DialogueFactory.AdminEmail, ["/Admin/AccessLog"]),
        };
        foreach (var (email, paths) in pages)
        {
            var page = await fixture.NewPageAsync(phone: phone);
            await page.SignInAsync(email, DialogueFactory.Password);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Ok, $"{path} answered {response.Status}");
                await page.AssertNoSeriousViolationsAsync();
                Assert.False(await page.ScrollsSidewaysAsync(), $"{path} scrolls sideways at {(phone ? 390 : 1280)} px: {await page.WiderThanTheScreenAsync()}");
            }
        }
    }
}
