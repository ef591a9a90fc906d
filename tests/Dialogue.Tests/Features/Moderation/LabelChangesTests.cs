using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Moderation;

/// <summary>Every label change, whoever makes it, leaves the thread readable by the right people and by nobody else, and logged.</summary>
public sealed class LabelChangesTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private sealed record World(Space Space, DialogueUser Author, DialogueUser Replier, DialogueUser Lurker, DialogueUser Outsider,
        DiscussionThread First, DiscussionThread Second);

    /// <summary>A GREEN space: the author opens two threads, the replier answers in the first, the lurker only reads.</summary>
    private async Task<World> WorldAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var replier = await factory.CreateMemberAsync();
        var lurker = await factory.CreateMemberAsync();
        foreach (var member in new[] { author, replier, lurker })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        var first = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("First"), "first opening");
        await factory.ReplyAsync(first.Id, replier, "a reply");
        var second = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Second"), "second opening");
        return new World(space, author, replier, lurker, await factory.CreateMemberAsync(), first, second);
    }

    private async Task RaiseSpaceAsync(World world, string label)
    {
        var admin = await factory.CreateSignedInBrowserAsync(await factory.AdminAsync());
        var response = await admin.SubmitAsync($"/Spaces/Edit?spaceId={world.Space.Id}", new Dictionary<string, string> { ["Data.DefaultLabel"] = label });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpStatusCode> ReadAsync(DialogueUser? user, long threadId)
    {
        var browser = user is null ? factory.CreateBrowser() : await factory.CreateSignedInBrowserAsync(user);
        return (await browser.GetAsync($"/Threads/{threadId}")).StatusCode;
    }

    private Task<List<ModerationLogEntry>> RaisesAsync(long spaceId) => factory.WithDbAsync(db =>
        db.ModerationLog.AsNoTracking().Where(e => e.SpaceId == spaceId && e.Action == ModerationAction.RaiseLabel).ToListAsync());

    [Fact]
    public async Task Raising_a_space_to_red_names_each_threads_authors_so_they_and_nobody_else_still_read_it()
    {
        var world = await WorldAsync();
        await RaiseSpaceAsync(world, "Red");

        Assert.Equal(HttpStatusCode.OK, await ReadAsync(world.Author, world.First.Id));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(world.Replier, world.First.Id));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(world.Author, world.Second.Id));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(world.Replier, world.Second.Id));
        foreach (var stranger in new[] { world.Lurker, world.Outsider, await factory.AdminAsync(), null })
        {
            Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(stranger, world.First.Id));
            Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(stranger, world.Second.Id));
        }
        var raises = await RaisesAsync(world.Space.Id);
        Assert.Equal([world.First.Id, world.Second.Id], raises.Select(e => e.ThreadId!.Value).Order());
        Assert.All(raises, e => Assert.StartsWith("TLP:GREEN → TLP:RED", e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raising_a_space_to_amber_strict_keeps_its_threads_for_space_members_only_and_logs_each()
    {
        var world = await WorldAsync();
        await RaiseSpaceAsync(world, "AmberStrict");

        foreach (var member in new[] { world.Author, world.Replier, world.Lurker })
        {
            Assert.Equal(HttpStatusCode.OK, await ReadAsync(member, world.First.Id));
            Assert.Equal(HttpStatusCode.OK, await ReadAsync(member, world.Second.Id));
        }
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(world.Outsider, world.First.Id));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(null, world.Second.Id));
        Assert.Equal(2, (await RaisesAsync(world.Space.Id)).Count);
        Assert.Equal(SensitivityLabel.AmberStrict,
            await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == world.Second.Id).Select(t => t.Label).SingleAsync()));
    }

    [Fact]
    public async Task Raising_a_thread_to_red_names_its_authors_and_the_moderator_and_nobody_else_reads_it()
    {
        var world = await WorldAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(world.Space.Id, moderator, SpaceRole.Moderator);
        var browser = await factory.CreateSignedInBrowserAsync(moderator);
        await browser.SubmitAsync($"/Moderation/Thread?threadId={world.First.Id}", new Dictionary<string, string> { ["label"] = "Red", ["reason"] = "Names a lab" },
            "main form[action*='handler=Label']");

        foreach (var participant in new[] { world.Author, world.Replier, moderator })
        {
            Assert.Equal(HttpStatusCode.OK, await ReadAsync(participant, world.First.Id));
        }
        foreach (var stranger in new[] { world.Lurker, world.Outsider, await factory.AdminAsync(), null })
        {
            Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(stranger, world.First.Id));
        }
        var raise = Assert.Single(await RaisesAsync(world.Space.Id));
        Assert.Equal(world.First.Id, raise.ThreadId);
        Assert.Equal("Names a lab", raise.Reason);
    }
}
