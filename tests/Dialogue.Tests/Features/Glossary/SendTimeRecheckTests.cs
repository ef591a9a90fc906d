using Dialogue.Data;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Glossary.Tbx;
using Dialogue.Tests.Features.Workshops.Polls;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Glossary;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Glossary;

/// <summary>
/// A glossary review email and an availability poll email queued under one label and sent after the glossary's or the
/// poll's label was raised go through the same send-time check as thread emails: the queued words never leave.
/// </summary>
public sealed class SendTimeRecheckTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    /// <summary>A CLEAR glossary of a CLEAR space, a proposal of a new entry, and its acceptance queued as an email to the proposer.</summary>
    private async Task<(long GlossaryId, string Term, string GlossaryName, Dialogue.Data.Accounts.DialogueUser Proposer)> QueuedReviewAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var editor = await factory.CreateMemberAsync();
        var proposer = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, editor);
        await factory.AddToSpaceAsync(space.Id, proposer);
        var glossary = await factory.CreateGlossaryAsync(SensitivityLabel.Clear, space.Id, [editor]);
        var term = ThreadsWorld.Unique("queued-term").Replace(' ', '-');
        var proposed = await (await factory.CreateSignedInBrowserAsync(proposer)).SubmitAsync($"/Glossary/Propose?glossaryId={glossary.Id}", new Dictionary<string, string>
        {
            ["Data.Languages[0].LanguageTag"] = "en",
            ["Data.Languages[0].Definition"] = "A definition.",
            ["Data.Terms[0].LanguageTag"] = "en",
            ["Data.Terms[0].Text"] = term,
            ["Data.Terms[0].Status"] = "Preferred",
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, proposed.StatusCode);
        var proposalId = await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.GlossaryId == glossary.Id).Select(p => p.Id).SingleAsync());
        var accepted = await (await factory.CreateSignedInBrowserAsync(editor))
            .SubmitAsync($"/Glossary/Proposal/{proposalId}", new Dictionary<string, string>(), "main form[action*='handler=Accept']");
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        return (glossary.Id, term, glossary.Name, proposer);
    }

    private async Task<OutboxMessage> SentAsync(string address, string kind)
    {
        await factory.SendOutboxAsync();
        var sent = Assert.Single(await factory.OutboxToAsync(address), m => m.Kind == kind);
        Assert.NotNull(sent.SentAt);
        return sent;
    }

    [Fact]
    public async Task A_queued_review_email_is_sent_as_a_content_free_notice_when_the_glossary_was_raised_meanwhile()
    {
        var raised = await QueuedReviewAsync();
        var control = await QueuedReviewAsync();
        var queued = Assert.Single(await factory.OutboxToAsync(raised.Proposer.Email!), m => m.Kind == GlossaryEntries.DecidedEmailKind);
        Assert.Contains(raised.Term, queued.Subject, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.Glossaries.Where(g => g.Id == raised.GlossaryId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Label, SensitivityLabel.Amber)));

        var sent = await SentAsync(raised.Proposer.Email!, GlossaryEntries.DecidedEmailKind);
        Assert.Equal("[TLP:AMBER] You have new activity on Dialogue", sent.Subject);
        foreach (var body in new[] { sent.HtmlBody, sent.TextBody })
        {
            Assert.DoesNotContain(raised.Term, body, StringComparison.Ordinal);
            Assert.DoesNotContain(raised.GlossaryName, body, StringComparison.Ordinal);
            Assert.DoesNotContain("/Glossary/", body, StringComparison.Ordinal);
        }
        var untouched = await SentAsync(control.Proposer.Email!, GlossaryEntries.DecidedEmailKind);
        Assert.Contains(control.Term, untouched.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_poll_decision_email_is_sent_as_a_content_free_notice_when_the_poll_was_raised_to_red_meanwhile()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync();
        var invitee = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, organiser);
        await factory.AddToSpaceAsync(space.Id, invitee);
        var title = ThreadsWorld.Unique("Poll-title");
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Green, "Europe/London", ["2026-12-01T10:00"], [invitee], title,
            description: "secret-agenda");
        var slot = Assert.Single(await factory.SlotsAsync(pollId));
        await factory.WithScopeAsync(async sp =>
        {
            var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), organiser.Id, CancellationToken.None);
            return await sp.GetRequiredService<Dialogue.Web.Features.Workshops.Polls.DetailsModel.Handler>().DecideAsync(pollId, slot.Id, viewer, CancellationToken.None);
        });
        var queued = Assert.Single(await factory.OutboxToAsync(invitee.Email!), m => m.Kind == PollNotifications.DecidedEmailKind);
        Assert.Contains(title, queued.Subject, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.WorkshopPolls.Where(p => p.Id == pollId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Label, SensitivityLabel.Red)));

        var sent = await SentAsync(invitee.Email!, PollNotifications.DecidedEmailKind);
        Assert.Equal("[TLP:RED] You have new activity on Dialogue", sent.Subject);
        foreach (var body in new[] { sent.HtmlBody, sent.TextBody })
        {
            Assert.DoesNotContain(title, body, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-agenda", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"/Workshops/Polls/{pollId}", body, StringComparison.Ordinal);
        }
    }
}
