using System.Collections.Concurrent;
using System.Data.Common;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Moderation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Admin;

/// <summary>The whole app, recording every SQL command it runs.</summary>
public sealed class CommandCountingFactory : DialogueFactory
{
    public ConcurrentQueue<string> Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<DialogueDbContext>(o => o.AddInterceptors(new Recorder(Commands))));
    }

    private sealed class Recorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class MembersQueryCountTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    [Fact]
    public async Task A_page_of_members_and_their_roles_takes_two_queries_however_many_members_it_shows()
    {
        var token = AdminTestHelpers.Unique("nq");
        string[][] roleSets = [[], [Roles.Moderator], [Roles.Organiser, Roles.GlossaryEditor]];
        for (var i = 0; i < 12; i++)
        {
            await factory.CreateMemberAsync($"{token}-{i}@test.dialogue", roleSets[i % 3]);
        }
        var client = await factory.AdminBrowserAsync();
        await client.GetPageAsync($"/Admin/Members?q={token}"); // warms caches (data-protection keys and the like)

        factory.Commands.Clear();
        var page = await client.GetPageAsync($"/Admin/Members?q={token}");

        Assert.Equal(12, page.QuerySelectorAll("tr[data-member-id]").Length);
        Assert.Equal(4, page.QuerySelectorAll("tr[data-member-id]").Count(r => r.QuerySelectorAll("td")[2].TextContent == "Moderator, Member"));
        Assert.Equal(4, page.QuerySelectorAll("tr[data-member-id]").Count(r => r.QuerySelectorAll("td")[2].TextContent == "Organiser, Glossary editor, Member"));
        // The layout's own queries (the viewer's memberships, the notification count, the staff badge) are the same on every page.
        var commands = factory.Commands.Where(c => c.Contains("AspNetUser", StringComparison.Ordinal)
            && !c.Contains(StaffWorkViewComponent.QueryTag, StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count == 2, "Expected the page query and one roles query, got:\n" + string.Join("\n---\n", commands));
        Assert.Single(commands, c => c.Contains("AspNetUserRoles", StringComparison.Ordinal));
    }
}
