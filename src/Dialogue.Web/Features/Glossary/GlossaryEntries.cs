using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Glossary;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// Every change to a glossary's entries: a direct edit by a curator, a proposal, and its review. Each method checks
/// the policy on the <see cref="GlossaryView"/> it is given, writes the entry, its revision and the glossary's new
/// Version in one transaction, and returns false when the viewer may not do it.
/// </summary>
public sealed class GlossaryEntries(DialogueDbContext db, Outbox outbox, IStringLocalizer<Text> text, IOptions<AppOptions> app, TimeProvider clock)
{
    public const string DecidedEmailKind = "glossary-proposal-decided";

    /// <summary>A curator creates (conceptId null) or edits an entry; returns the entry's id, or null when not allowed.</summary>
    public async Task<long?> SaveAsync(GlossaryView glossary, long? conceptId, ConceptSnapshot snapshot, string summary, CancellationToken ct)
    {
        if (!glossary.CanCurate)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var concept = await ApplyAsync(glossary.Id, conceptId, snapshot, glossary.Viewer.UserId, summary, null, ct);
        await transaction.CommitAsync(ct);
        return concept?.Id;
    }

    /// <summary>Any reader who may propose: a new entry (conceptId null) or a change to a readable entry.</summary>
    public async Task<long?> ProposeAsync(GlossaryView glossary, long? conceptId, ConceptSnapshot snapshot, string summary, CancellationToken ct)
    {
        if (!glossary.CanPropose)
        {
            return null;
        }
        int? baseRevision = null;
        if (conceptId is { } id)
        {
            baseRevision = await db.GlossaryConcepts.Where(c => c.Id == id && c.GlossaryId == glossary.Id && !c.IsDeleted)
                .Select(c => (int?)c.RevisionNumber).SingleOrDefaultAsync(ct);
            if (baseRevision is null)
            {
                return null;
            }
        }
        var now = clock.GetUtcNow();
        var proposal = new GlossaryProposal
        {
            GlossaryId = glossary.Id,
            ConceptId = conceptId,
            BaseRevisionNumber = baseRevision,
            ProposerId = glossary.Viewer.UserId!,
            SnapshotJson = snapshot.ToJson(),
            Summary = summary,
            Status = ProposalStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.GlossaryProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return proposal.Id;
    }

    /// <summary>The proposer revises their own proposal while it is open or changes were asked for; it is open again.</summary>
    public async Task<bool> ReviseAsync(GlossaryView glossary, long proposalId, ConceptSnapshot snapshot, string summary, CancellationToken ct)
    {
        var proposal = await db.GlossaryProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.GlossaryId == glossary.Id, ct);
        if (proposal is null || !glossary.CanPropose || proposal.ProposerId != glossary.Viewer.UserId
            || proposal.Status is not (ProposalStatus.Open or ProposalStatus.ChangesRequested))
        {
            return false;
        }
        proposal.SnapshotJson = snapshot.ToJson();
        proposal.Summary = summary;
        proposal.Status = ProposalStatus.Open;
        proposal.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public enum Outcome { Done, AlreadyDecided, NotAllowed }

    public async Task<Outcome> AcceptAsync(GlossaryView glossary, long proposalId, CancellationToken ct)
    {
        if (!glossary.CanCurate)
        {
            return Outcome.NotAllowed;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var proposal = await db.GlossaryProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.GlossaryId == glossary.Id, ct);
        if (proposal is null)
        {
            return Outcome.NotAllowed;
        }
        if (proposal.Status != ProposalStatus.Open)
        {
            return Outcome.AlreadyDecided;
        }
        var snapshot = ConceptSnapshot.FromJson(proposal.SnapshotJson);
        var concept = await ApplyAsync(glossary.Id, proposal.ConceptId, snapshot, proposal.ProposerId, proposal.Summary, proposal.Id, ct);
        if (concept is null)
        {
            return Outcome.NotAllowed; // the entry it changes was removed
        }
        proposal.ConceptId = concept.Id;
        await DecideAsync(glossary, proposal, ProposalStatus.Accepted, null, concept.Id, ct);
        await transaction.CommitAsync(ct);
        return Outcome.Done;
    }

    public Task<Outcome> RejectAsync(GlossaryView glossary, long proposalId, string reason, CancellationToken ct) =>
        CloseAsync(glossary, proposalId, ProposalStatus.Rejected, reason, ct);

    public Task<Outcome> RequestChangesAsync(GlossaryView glossary, long proposalId, string reason, CancellationToken ct) =>
        CloseAsync(glossary, proposalId, ProposalStatus.ChangesRequested, reason, ct);

    private async Task<Outcome> CloseAsync(GlossaryView glossary, long proposalId, ProposalStatus status, string reason, CancellationToken ct)
    {
        if (!glossary.CanCurate)
        {
            return Outcome.NotAllowed;
        }
        var proposal = await db.GlossaryProposals.SingleOrDefaultAsync(p => p.Id == proposalId && p.GlossaryId == glossary.Id, ct);
        if (proposal is null)
        {
            return Outcome.NotAllowed;
        }
        if (proposal.Status != ProposalStatus.Open)
        {
            return Outcome.AlreadyDecided;
        }
        await DecideAsync(glossary, proposal, status, reason, proposal.ConceptId, ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Makes the entry equal to the snapshot and records it as the next revision, bumping the glossary's Version in the
    /// same save (a concurrency token, so two simultaneous changes cannot both claim one version).
    /// </summary>
    private async Task<Concept?> ApplyAsync(long glossaryId, long? conceptId, ConceptSnapshot snapshot, string? authorId, string summary, long? proposalId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var glossary = await db.Glossaries.SingleAsync(g => g.Id == glossaryId, ct);
        Concept? concept;
        if (conceptId is { } id)
        {
            concept = await db.GlossaryConcepts.AsSplitQuery().Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
                .SingleOrDefaultAsync(c => c.Id == id && c.GlossaryId == glossaryId && !c.IsDeleted, ct);
            if (concept is null)
            {
                return null;
            }
            // Replacing rows wholesale: delete the old ones first, so the unique (concept, language, term) index never sees both.
            db.GlossaryTerms.RemoveRange(concept.Terms);
            db.GlossaryConceptLanguages.RemoveRange(concept.Languages);
            db.GlossaryConceptRelations.RemoveRange(concept.Relations);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            concept = new Concept { GlossaryId = glossaryId, CreatedAt = now };
            db.GlossaryConcepts.Add(concept);
        }
        var relatable = await db.GlossaryConcepts.Where(c => c.GlossaryId == glossaryId && !c.IsDeleted && snapshot.RelatedConceptIds.Contains(c.Id))
            .Select(c => c.Id).ToListAsync(ct);
        var kept = snapshot with { RelatedConceptIds = [.. snapshot.RelatedConceptIds.Where(r => relatable.Contains(r) && r != concept.Id)] };
        kept.ApplyTo(concept);
        concept.UpdatedAt = now;
        concept.RevisionNumber++;
        glossary.Version++;
        await db.SaveChangesAsync(ct);
        db.GlossaryConceptRevisions.Add(new ConceptRevision
        {
            ConceptId = concept.Id,
            Number = concept.RevisionNumber,
            AuthorId = authorId,
            CreatedAt = now,
            SnapshotJson = kept.ToJson(),
            Summary = summary.Length > 500 ? summary[..500] : summary,
            ProposalId = proposalId,
        });
        await db.SaveChangesAsync(ct);
        return concept;
    }

    /// <summary>Records the decision, tells the proposer in the app, and by email as the one email rule allows for the glossary's label.</summary>
    private async Task DecideAsync(GlossaryView glossary, GlossaryProposal proposal, ProposalStatus status, string? reason, long? conceptId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        proposal.Status = status;
        proposal.Reason = reason;
        proposal.ReviewerId = glossary.Viewer.UserId;
        proposal.DecidedAt = now;
        proposal.UpdatedAt = now;
        var notification = new Notification
        {
            RecipientId = proposal.ProposerId,
            Kind = status switch
            {
                ProposalStatus.Accepted => NotificationKind.GlossaryProposalAccepted,
                ProposalStatus.Rejected => NotificationKind.GlossaryProposalRejected,
                _ => NotificationKind.GlossaryChangesRequested,
            },
            ActorId = glossary.Viewer.UserId,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);
        db.Entry(notification).Property(GlossaryNotificationConfiguration.ProposalId).CurrentValue = proposal.Id;

        var proposer = await db.Users.AsNoTracking().Where(u => u.Id == proposal.ProposerId)
            .Select(u => new { u.Email, u.DisplayName, u.UiCulture }).SingleAsync(ct);
        var level = EmailRule.LevelFor(glossary.Label, await EmailRule.SiteAsync(db, ct));
        if (proposer.Email is not null && level != EmailDetail.Nothing)
        {
            var term = ConceptSnapshot.FromJson(proposal.SnapshotJson).Languages.SelectMany(l => l.Terms).Select(t => t.Text).FirstOrDefault() ?? "";
            var named = EmailRule.NamesThread(level);
            var link = named ? (conceptId is { } id && status == ProposalStatus.Accepted ? $"/Glossary/Concept/{id}" : $"/Glossary/Proposal/{proposal.Id}") : "/Threads/Notifications";
            var parameters = new Dictionary<string, object?>
            {
                [nameof(ProposalDecidedEmail.Level)] = level,
                [nameof(ProposalDecidedEmail.Status)] = status,
                [nameof(ProposalDecidedEmail.RecipientName)] = proposer.DisplayName,
                [nameof(ProposalDecidedEmail.GlossaryName)] = named ? EmailRule.Title(glossary.Name) : null,
                [nameof(ProposalDecidedEmail.Term)] = named ? EmailRule.Title(term) : null,
                [nameof(ProposalDecidedEmail.Reason)] = reason is null ? null : level switch
                {
                    EmailDetail.FullText => reason,
                    EmailDetail.TitleAndExcerpt => EmailRule.Excerpt(reason),
                    _ => null,
                },
                [nameof(ProposalDecidedEmail.Link)] = app.Value.Link(link),
            };
            await outbox.AddAsync<ProposalDecidedEmail>(
                new EmailRecipient(proposer.Email, proposer.DisplayName, SupportedCultures.For(proposer.UiCulture)),
                DecidedEmailKind,
                () => EmailRule.Subject(glossary.Label, named
                    ? text["Your glossary proposal “{0}” in {1} was reviewed", EmailRule.Title(term), EmailRule.Title(glossary.Name)]
                    : text["Your glossary proposal was reviewed"]),
                parameters,
                subjects: [new CarriedSubject(CarriedSubjectKind.Glossary, glossary.Id, glossary.Label)]);
        }
        await db.SaveChangesAsync(ct);
    }
}
