using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Glossary;

/// <summary>Proposal → review → notification and email → history → diff, through the real forms, on both providers.</summary>
public sealed class GlossaryProposalTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<long> CreateGlossaryAsync(SensitivityLabel label, long? spaceId, params string[] editorIds) =>
        await factory.WithDbAsync(async db =>
        {
            var glossary = new Dialogue.Data.Glossary.Glossary
            {
                Name = ThreadsWorld.Unique("Glossary"),
                Label = label,
                SpaceId = spaceId,
                CreatedAt = factory.Clock.GetUtcNow(),
                Editors = [.. editorIds.Select(id => new GlossaryEditor { UserId = id, AppointedAt = factory.Clock.GetUtcNow() })],
            };
            db.Glossaries.Add(glossary);
            await db.SaveChangesAsync();
            return glossary.Id;
        });

    [Fact]
    public async Task A_member_proposes_an_entry_an_editor_accepts_it_and_its_history_shows_each_change()
    {
        var proposer = await factory.CreateMemberAsync();
        var editor = await factory.CreateMemberAsync();
        var glossaryId = await CreateGlossaryAsync(SensitivityLabel.Clear, null, editor.Id);
        var member = await factory.CreateSignedInBrowserAsync(proposer);
        var term = ThreadsWorld.Unique("red teaming").ToLowerInvariant();

        var proposed = await member.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}", new Dictionary<string, string>
        {
            ["Data.SubjectField"] = "evaluation",
            ["Data.Languages[0].LanguageTag"] = "en",
            ["Data.Languages[0].Definition"] = "Probing a system as an attacker would.",
            ["Data.Terms[0].LanguageTag"] = "en",
            ["Data.Terms[0].Text"] = term,
            ["Data.Terms[0].Status"] = "Preferred",
            ["Data.Terms[1].LanguageTag"] = "zh-hans",
            ["Data.Terms[1].Text"] = "红队测试",
            ["Data.Terms[1].Status"] = "Preferred",
            ["Data.Summary"] = "A term we keep arguing about",
        });
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var proposalId = await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.ProposerId == proposer.Id).Select(p => p.Id).SingleAsync());
        var versionBefore = await factory.WithDbAsync(db => db.Glossaries.Where(g => g.Id == glossaryId).Select(g => g.Version).SingleAsync());

        var reviewer = await factory.CreateSignedInBrowserAsync(editor);
        var accepted = await reviewer.SubmitAsync($"/Glossary/Proposal/{proposalId}", new Dictionary<string, string>(), "main form[action*='handler=Accept']");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var concept = await factory.WithDbAsync(db => db.GlossaryConcepts.Include(c => c.Terms).SingleAsync(c => c.GlossaryId == glossaryId));
        Assert.Equal(1, concept.RevisionNumber);
        // The tag is stored in its canonical case, the lookup text case-folded.
        Assert.Contains(concept.Terms, t => t.LanguageTag == "zh-Hans" && t.Text == "红队测试");
        Assert.Contains(concept.Terms, t => t.LanguageTag == "en" && t.NormalizedText == term);
        Assert.Equal(versionBefore + 1, await factory.WithDbAsync(db => db.Glossaries.Where(g => g.Id == glossaryId).Select(g => g.Version).SingleAsync()));
        Assert.Equal(ProposalStatus.Accepted, await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync()));

        // The proposer hears of it in the app, in a sentence, and by email with the label first in the subject.
        var notifications = await member.GetStringAsync("/Threads/Notifications");
        Assert.Contains("accepted your proposal", notifications, StringComparison.Ordinal);
        var mail = Assert.Single(await factory.OutboxToAsync(proposer.Email!));
        Assert.StartsWith("[TLP:CLEAR]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(term, mail.Subject, StringComparison.Ordinal);

        // The editor edits it directly: a second revision, and the diff shows what was added and removed.
        var edited = await reviewer.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}&conceptId={concept.Id}", new Dictionary<string, string>
        {
            ["Data.Terms[2].LanguageTag"] = "ru",
            ["Data.Terms[2].Text"] = "ред-тиминг",
            ["Data.Languages[0].Definition"] = "Probing a system adversarially before release.",
            ["Data.Summary"] = "Russian term",
        }, submitSelector: "button[formaction*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var diff = await member.GetPageAsync($"/Glossary/Diff?conceptId={concept.Id}&from=1&to=2");
        Assert.Contains(diff.QuerySelectorAll(".glossary-diff ins"), e => e.TextContent.Contains("ред-тиминг", StringComparison.Ordinal));
        Assert.Contains(diff.QuerySelectorAll(".glossary-diff del"), e => e.TextContent.Contains("Probing a system as an attacker would.", StringComparison.Ordinal));
        var history = await member.GetPageAsync($"/Glossary/History?conceptId={concept.Id}");
        Assert.Equal(2, history.QuerySelectorAll("table.revisions tbody tr").Length);
    }

    [Fact]
    public async Task Each_bad_field_gets_its_own_message_and_nothing_is_saved()
    {
        var proposer = await factory.CreateMemberAsync();
        var glossaryId = await CreateGlossaryAsync(SensitivityLabel.Green, null);
        var member = await factory.CreateSignedInBrowserAsync(proposer);

        var response = await member.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}", new Dictionary<string, string>
        {
            ["Data.Terms[0].LanguageTag"] = "english",
            ["Data.Terms[0].Text"] = "alignment",
            ["Data.Terms[1].LanguageTag"] = "en",
            ["Data.Terms[1].Text"] = "",
            ["Data.Terms[1].UsageContext"] = "a context with no term",
            ["Data.Terms[2].LanguageTag"] = "zh-Hans",
            ["Data.Terms[2].Text"] = "对齐",
        });
        var page = await response.ReadPageAsync();
        Assert.Contains("not a language tag", page.QuerySelector("[data-valmsg-for='Data.Terms[0].LanguageTag']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("Enter the term", page.QuerySelector("[data-valmsg-for='Data.Terms[1].Text']")?.TextContent ?? "", StringComparison.Ordinal);

        var duplicate = await member.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}", new Dictionary<string, string>
        {
            ["Data.Terms[0].LanguageTag"] = "en",
            ["Data.Terms[0].Text"] = "Reward hacking",
            ["Data.Terms[1].LanguageTag"] = "en",
            ["Data.Terms[1].Text"] = "reward  HACKING",
        });
        var duplicatePage = await duplicate.ReadPageAsync();
        Assert.Contains("already listed", duplicatePage.QuerySelector("[data-valmsg-for='Data.Terms[1].Text']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.GlossaryProposals.AnyAsync(p => p.GlossaryId == glossaryId)));
    }

    [Fact]
    public async Task An_editor_rejects_with_a_reason_and_an_amber_glossary_mail_carries_only_an_excerpt_with_its_label()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, Dialogue.Data.Spaces.SpaceJoinPolicy.Closed);
        var proposer = await factory.CreateMemberAsync();
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, proposer);
        await factory.AddToSpaceAsync(space.Id, moderator, Dialogue.Data.Spaces.SpaceRole.Moderator);
        var glossaryId = await CreateGlossaryAsync(SensitivityLabel.Amber, space.Id);
        var member = await factory.CreateSignedInBrowserAsync(proposer);
        await member.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}", new Dictionary<string, string>
        {
            ["Data.Terms[0].LanguageTag"] = "en",
            ["Data.Terms[0].Text"] = "uplift study",
        });
        var proposalId = await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.GlossaryId == glossaryId).Select(p => p.Id).SingleAsync());

        // The space's moderator curates the space's glossary; a reason is required.
        var reviewer = await factory.CreateSignedInBrowserAsync(moderator);
        var empty = await reviewer.SubmitAsync($"/Glossary/Proposal/{proposalId}", new Dictionary<string, string> { ["Reason"] = "" },
            "main form.stacked", submitSelector: "button[formaction*='handler=Reject']");
        Assert.Contains("Give the proposer a reason", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reason = "Already covered by the capability elicitation entry. " + new string('x', 400);
        await reviewer.SubmitAsync($"/Glossary/Proposal/{proposalId}", new Dictionary<string, string> { ["Reason"] = reason },
            "main form.stacked", submitSelector: "button[formaction*='handler=Reject']");

        var proposal = await factory.WithDbAsync(db => db.GlossaryProposals.SingleAsync(p => p.Id == proposalId));
        Assert.Equal(ProposalStatus.Rejected, proposal.Status);
        Assert.Equal(reason, proposal.Reason);
        Assert.Equal(moderator.Id, proposal.ReviewerId);
        var mail = Assert.Single(await factory.OutboxToAsync(proposer.Email!));
        Assert.StartsWith("[TLP:AMBER]", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Already covered", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(reason, mail.HtmlBody, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == proposer.Id && n.Kind == NotificationKind.GlossaryProposalRejected)));
    }

    [Fact]
    public async Task A_reader_who_is_not_an_editor_may_not_accept_a_proposal()
    {
        var proposer = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        var glossaryId = await CreateGlossaryAsync(SensitivityLabel.Clear, null);
        var member = await factory.CreateSignedInBrowserAsync(proposer);
        await member.SubmitAsync($"/Glossary/Propose?glossaryId={glossaryId}", new Dictionary<string, string>
        {
            ["Data.Terms[0].LanguageTag"] = "en",
            ["Data.Terms[0].Text"] = "jailbreak",
        });
        var proposalId = await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.GlossaryId == glossaryId).Select(p => p.Id).SingleAsync());
        // The proposer sees their proposal but has no review form; a glossary-editor-role holder curates every readable glossary.
        var own = await member.GetPageAsync($"/Glossary/Proposal/{proposalId}");
        Assert.Null(own.QuerySelector("form[action*='handler=Accept']"));
        var stranger = await factory.CreateSignedInBrowserAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Glossary/Proposal/{proposalId}")).StatusCode);
        var roleHolder = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync(null, Roles.GlossaryEditor));
        var review = await roleHolder.GetPageAsync($"/Glossary/Proposal/{proposalId}");
        Assert.NotNull(review.QuerySelector("form[action*='handler=Accept']"));
        Assert.Equal(ProposalStatus.Open, await factory.WithDbAsync(db => db.GlossaryProposals.Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync()));
    }
}
