using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Workshops;
using Dialogue.Tests.Features.Workshops.Polls;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.BrowserTests.Features;

/// <summary>axe scans of the workshop pages, as the organiser who would open them all, on a laptop and on a phone.</summary>
[Collection(BrowserGroup.Name)]
public sealed class WorkshopsAccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Workshop_pages_have_no_serious_violations_and_no_sideways_scroll(bool phone)
    {
        var app = fixture.App;
        var organiser = await app.CreateMemberAsync(null, Roles.Organiser);
        var member = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        await app.AddToSpaceAsync(space.Id, organiser);
        await app.AddToSpaceAsync(space.Id, member);
        var workshop = await app.CreateWorkshopAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Agents across languages 跨语言智能体评测"),
            "Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T13:00", capacity: 20);
        await app.AddSessionAsync(workshop.Id, "Panel: tool use in Chinese vs. English prompts", "Asia/Shanghai", "2026-12-08T09:30", "2026-12-08T11:00");
        await app.RegisterAsync(workshop.Id, member);
        var series = await app.CreateSeriesAsync(space.Id, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Weekly reading group 读书会"),
            "Europe/London", "2027-03-16T13:00", "2027-03-16T14:00", SeriesWorld.Weekly(6));
        var pollId = await app.CreatePollAsync(space.Id, organiser, SensitivityLabel.Clear, "Asia/Shanghai", ["2027-02-02T21:00", "2027-02-03T09:00"], [member]);

        var page = await fixture.NewPageAsync(timeZone: "America/New_York", phone: phone);
        await page.SignInAsync(organiser.Email!, DialogueFactory.Password);
        foreach (var path in new[]
        {
            "/Workshops",
            "/Workshops?view=month&date=2026-12-01",
            "/Workshops?view=week&date=2026-12-08",
            $"/Workshops/{workshop.Id}",
            $"/Workshops/{workshop.Id}/Agenda",
            "/Workshops/Calendar",
            $"/Workshops/Polls/{pollId}",
            $"/Workshops/Series/{series.Id}",
            $"/Workshops/New?spaceId={space.Id}",
        })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
            Assert.False(await page.ScrollsSidewaysAsync(), $"{path} scrolls sideways at {(phone ? 390 : 1280)} px: {await page.WiderThanTheScreenAsync()}");
        }
    }
}
