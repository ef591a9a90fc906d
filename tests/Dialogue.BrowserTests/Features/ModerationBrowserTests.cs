using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dialogue.BrowserTests.Features;

[Collection(BrowserGroup.Name)]
public sealed class ModerationBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Review_queue_and_member_list_fit_a_phone_and_have_no_serious_violations()
    {
        var app = fixture.App;
        var moderator = await app.CreateMemberAsync();
        var newcomer = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Green);
        await app.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        await app.AddToSpaceAsync(space.Id, newcomer);
        var longWord = new string('x', 90);
        await app.StartThreadAsync(space.Id, newcomer, SensitivityLabel.Green, ThreadsWorld.Unique("A first question about river gauges"), $"Hello {longWord}");
        var flagged = await app.StartThreadAsync(space.Id, moderator, SensitivityLabel.Green, ThreadsWorld.Unique("Gauges compared"), "Opening post.");
        var post = await app.FirstPostAsync(flagged.Id);
        await app.WithDbAsync(async db =>
        {
            db.Flags.Add(new Flag { PostId = post.Id, FlaggedById = newcomer.Id, Reason = FlagReason.Spam, Message = longWord, CreatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        var page = await fixture.NewPageAsync(phone: true);
        await page.SignInAsync(moderator.Email!, DialogueFactory.Password);
        await page.GotoAsync("/Moderation/Queue");
        await Assertions.Expect(page.Locator(".queue-item form[action*='handler=Uphold']").First).ToBeVisibleAsync();
        Assert.False(await page.ScrollsSidewaysAsync(), "The review queue scrolls sideways on a 390 px screen: " + await page.WiderThanTheScreenAsync());
        await page.AssertNoSeriousViolationsAsync();

        var admin = await fixture.NewPageAsync(phone: true);
        await admin.SignInAsync(DialogueFactory.AdminEmail, DialogueFactory.Password);
        await admin.GotoAsync("/Admin/Members");
        await Assertions.Expect(admin.Locator("#members")).ToBeVisibleAsync();
        Assert.False(await admin.ScrollsSidewaysAsync(), "The member list scrolls sideways on a 390 px screen: " + await admin.WiderThanTheScreenAsync());
        await admin.AssertNoSeriousViolationsAsync();
    }
}
