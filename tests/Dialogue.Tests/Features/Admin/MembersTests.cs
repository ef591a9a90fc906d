using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Admin;

public sealed class MembersTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task List_shows_name_email_roles_status_and_joined_date()
    {
        var name = AdminTestHelpers.Unique("ada");
        var member = await factory.CreateMemberAsync($"{name}@test.dialogue", Roles.Moderator);
        var client = await factory.AdminBrowserAsync();

        var page = await client.GetPageAsync($"/Admin/Members?q={name}");

        var row = page.QuerySelector($"tr[data-member-id='{member.Id}']");
        Assert.NotNull(row);
        var cells = row!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(name, cells[0]);
        Assert.Equal(member.Email, cells[1]);
        Assert.Equal("Moderator, Member", cells[2]);
        Assert.Equal("Active", cells[3]);
        Assert.Equal(member.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector("td time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Search_finds_members_by_part_of_the_name_or_email_in_any_case()
    {
        var token = AdminTestHelpers.Unique("srch");
        var byName = await factory.CreateMemberAsync();
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == byName.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Grace " + token)));
        var byEmail = await factory.CreateMemberAsync($"{token}@test.dialogue");
        var other = await factory.CreateMemberAsync();
        var client = await factory.AdminBrowserAsync();

        var found = await IdsOnAsync(client, $"/Admin/Members?q={token.ToUpperInvariant()}");

        Assert.Contains(byName.Id, found);
        Assert.Contains(byEmail.Id, found);
        Assert.DoesNotContain(other.Id, found);
    }

    [Fact]
    public async Task Status_filter_shows_only_members_in_that_status()
    {
        var token = AdminTestHelpers.Unique("flt");
        var active = await factory.CreateMemberAsync($"{token}-a@test.dialogue");
        var pending = await factory.CreatePendingMemberAsync($"{token}-p@test.dialogue");
        var suspended = await factory.CreateMemberAsync($"{token}-s@test.dialogue");
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == suspended.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Suspended)));
        var client = await factory.AdminBrowserAsync();

        Assert.Equal([pending.Id], await IdsOnAsync(client, $"/Admin/Members?q={token}&status=PendingApproval"));
        Assert.Equal([active.Id], await IdsOnAsync(client, $"/Admin/Members?q={token}&status=Active"));
        Assert.Equal([suspended.Id], await IdsOnAsync(client, $"/Admin/Members?q={token}&status=Suspended"));
        Assert.Equal(3, (await IdsOnAsync(client, $"/Admin/Members?q={token}")).Count);
    }

    [Fact]
    public async Task Fifty_members_per_page_with_a_link_to_the_next()
    {
        var token = AdminTestHelpers.Unique("pg");
        var created = new List<string>();
        await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<DialogueUser>>();
            for (var i = 0; i < 51; i++)
            {
                var email = $"{token}-{i}@test.dialogue";
                var user = new DialogueUser { UserName = email, Email = email, DisplayName = $"{token} {i}", CreatedAt = factory.Clock.GetUtcNow().AddMinutes(-i) };
                Assert.True((await users.CreateAsync(user)).Succeeded);
                created.Add(user.Id);
            }
            return true;
        });
        var client = await factory.AdminBrowserAsync();

        var first = await client.GetPageAsync($"/Admin/Members?q={token}");
        var firstIds = first.QuerySelectorAll("tr[data-member-id]").Select(r => r.GetAttribute("data-member-id")!).ToList();
        Assert.Equal(50, firstIds.Count);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        var second = await client.GetPageAsync(next);
        var secondIds = second.QuerySelectorAll("tr[data-member-id]").Select(r => r.GetAttribute("data-member-id")!).ToList();
        Assert.Equal([created[^1]], secondIds);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.NotNull(second.QuerySelector("a[rel=prev]"));
        Assert.Equal(created.Take(50), firstIds);
    }

    private static async Task<List<string>> IdsOnAsync(HttpClient client, string url) =>
        (await client.GetPageAsync(url)).QuerySelectorAll("tr[data-member-id]").Select(r => r.GetAttribute("data-member-id")!).ToList();
}
