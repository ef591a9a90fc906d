using Dialogue.Data.Moderation;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Spaces;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Spaces;

public sealed class SpaceFormTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task A_space_created_without_an_address_gets_one_from_its_name_numbered_when_taken()
    {
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        var name = "Évals & Red-Teaming " + Guid.NewGuid().ToString("N")[..6];
        var expected = EditModel.SlugOf(name);
        Assert.StartsWith("evals-red-teaming-", expected, StringComparison.Ordinal);

        foreach (var slug in new[] { expected, expected + "-2" })
        {
            var response = await admin.SubmitAsync("/Spaces/Edit", new Dictionary<string, string>
            {
                ["Data.Name"] = name,
                ["Data.Slug"] = "",
                ["Data.DefaultLabel"] = "Green",
            });
            Assert.Equal("/Spaces/" + slug, response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Equal(name, (await response.ReadPageAsync()).QuerySelector("h1")!.TextContent);
        }
    }

    [Theory]
    [InlineData("Safety   evals!", "safety-evals")]
    [InlineData("--Über Ärger--", "uber-arger")]
    [InlineData("安全评估", "space")]
    [InlineData("Chips 2030 安全", "chips-2030")]
    public void The_address_a_name_suggests_is_lower_case_ascii_with_hyphens(string name, string slug) =>
        Assert.Equal(slug, EditModel.SlugOf(name));

    [Fact]
    public async Task The_creator_of_a_space_becomes_its_active_member_and_moderator_and_it_is_logged()
    {
        var adminUser = await factory.AdminAsync();
        var admin = await factory.CreateSignedInBrowserAsync(adminUser);
        var slug = "amber-" + Guid.NewGuid().ToString("N")[..8];
        await admin.SubmitAsync("/Spaces/Edit", new Dictionary<string, string>
        {
            ["Data.Name"] = "Amber room " + slug,
            ["Data.Slug"] = slug,
            ["Data.DefaultLabel"] = "Amber",
            ["Data.JoinPolicy"] = "Closed",
        });

        var space = await factory.WithDbAsync(db => db.Spaces.SingleAsync(s => s.Slug == slug));
        var membership = await factory.WithDbAsync(db => db.SpaceMembers.SingleAsync(m => m.SpaceId == space.Id));
        Assert.Equal((adminUser.Id, SpaceRole.Moderator, SpaceMemberStatus.Active), (membership.UserId, membership.Role, membership.Status));
        Assert.True(await factory.WithDbAsync(db => db.ModerationLog.AnyAsync(e =>
            e.SpaceId == space.Id && e.Action == ModerationAction.AddSpaceModerator && e.TargetUserId == adminUser.Id)));

        // As a member, the creator may start a thread in their AMBER space at once.
        var form = await admin.GetPageAsync($"/Threads/New?spaceId={space.Id}");
        Assert.NotNull(form.QuerySelector("textarea[name='Data.Body']"));
    }

    [Fact]
    public async Task The_space_form_explains_every_label_and_loads_its_address_script_from_a_file()
    {
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        var page = await admin.GetPageAsync("/Spaces/Edit");
        Assert.Equal(5, page.QuerySelectorAll("#label-hint .label-legend .tlp .tlp-meaning").Length);
        Assert.NotNull(page.QuerySelector("script[src^='/js/space-form.js']"));
    }
}
