using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>Lowering a label needs the space's own moderator and a reason; both are in the moderation log.</summary>
public sealed class LabelLoweringTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Lowering_a_label_without_a_reason_is_refused_and_changes_nothing()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, ThreadsWorld.Unique("Lower"), "words");
        var browser = await factory.CreateSignedInBrowserAsync(moderator);

        var refused = await browser.SubmitAsync($"/Moderation/Thread?threadId={thread.Id}", new Dictionary<string, string> { ["label"] = "Green", ["reason"] = " " },
            "main form[action*='handler=Label']");
        Assert.Contains("Give a reason for lowering the label", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SensitivityLabel.Amber, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Label).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.ModerationLog.AnyAsync(e => e.ThreadId == thread.Id)));

        await browser.SubmitAsync($"/Moderation/Thread?threadId={thread.Id}", new Dictionary<string, string> { ["label"] = "Green", ["reason"] = "Published since" },
            "main form[action*='handler=Label']");
        Assert.Equal(SensitivityLabel.Green, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Label).SingleAsync()));
        var entry = await factory.WithDbAsync(db => db.ModerationLog.SingleAsync(e => e.ThreadId == thread.Id));
        Assert.Equal((ModerationAction.LowerLabel, moderator.Id, "Published since"), (entry.Action, entry.ActorId, entry.Reason));
    }
}
