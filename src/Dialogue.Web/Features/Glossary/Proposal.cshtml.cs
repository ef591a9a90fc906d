using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>One proposal, as a diff against the entry as it is now; curators accept it, reject it with a reason, or ask for changes.</summary>
public class ProposalModel(DialogueDbContext db, GlossaryAccess access, GlossaryEntries entries, IStringLocalizer<Text> text) : PageModel
{
    public GlossaryView Glossary { get; private set; } = null!;
    public long ProposalId { get; private set; }
    public GlossaryProposal Proposal { get; private set; } = null!;
    public string ProposerName { get; private set; } = "";
    public string? ReviewerName { get; private set; }
    public string Heading { get; private set; } = "";
    public int? CurrentRevision { get; private set; }
    public bool IsMine { get; private set; }
    public IReadOnlyList<SnapshotDiff.Line> Lines { get; private set; } = [];

    [BindProperty]
    [StringLength(2000, ErrorMessage = "The reason can be at most 2000 characters.")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long proposalId, CancellationToken ct) =>
        await LoadAsync(proposalId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(long proposalId, CancellationToken ct)
    {
        if (!await LoadAsync(proposalId, ct))
        {
            return NotFound();
        }
        return Result(await entries.AcceptAsync(Glossary, proposalId, ct), text["The proposal was accepted."], proposalId);
    }

    public Task<IActionResult> OnPostRejectAsync(long proposalId, CancellationToken ct) =>
        DecideAsync(proposalId, (g, r) => entries.RejectAsync(g, proposalId, r, ct), text["The proposal was rejected."], ct);

    public Task<IActionResult> OnPostRequestChangesAsync(long proposalId, CancellationToken ct) =>
        DecideAsync(proposalId, (g, r) => entries.RequestChangesAsync(g, proposalId, r, ct), text["The proposer was asked for changes."], ct);

    private async Task<IActionResult> DecideAsync(long proposalId, Func<GlossaryView, string, Task<GlossaryEntries.Outcome>> decide, string done, CancellationToken ct)
    {
        if (!await LoadAsync(proposalId, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), text["Give the proposer a reason."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return Result(await decide(Glossary, Reason!.Trim()), done, proposalId);
    }

    private IActionResult Result(GlossaryEntries.Outcome outcome, string done, long proposalId)
    {
        switch (outcome)
        {
            case GlossaryEntries.Outcome.NotAllowed:
                return StatusCode(StatusCodes.Status403Forbidden);
            case GlossaryEntries.Outcome.AlreadyDecided:
                TempData["Status"] = (string)text["Another editor already decided this proposal."];
                break;
            default:
                TempData["Status"] = done;
                break;
        }
        return Redirect($"/Glossary/Proposal/{proposalId}");
    }

    private async Task<bool> LoadAsync(long proposalId, CancellationToken ct)
    {
        if (await access.FindByProposalAsync(proposalId, ct) is not { } glossary)
        {
            return false;
        }
        var proposal = await db.GlossaryProposals.AsNoTracking().SingleAsync(p => p.Id == proposalId, ct);
        IsMine = proposal.ProposerId == glossary.Viewer.UserId;
        // A proposal is for its proposer and the glossary's curators; other readers learn of it once accepted.
        if (!IsMine && !glossary.CanCurate)
        {
            return false;
        }
        Glossary = glossary;
        ProposalId = proposalId;
        Proposal = proposal;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == proposal.ProposerId || u.Id == proposal.ReviewerId)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        ProposerName = people.FirstOrDefault(p => p.Id == proposal.ProposerId)?.DisplayName ?? "";
        ReviewerName = people.FirstOrDefault(p => p.Id == proposal.ReviewerId)?.DisplayName;
        var proposed = ConceptSnapshot.FromJson(proposal.SnapshotJson);
        ConceptSnapshot? current = null;
        if (proposal.ConceptId is { } conceptId)
        {
            var concept = await db.GlossaryConcepts.AsNoTracking().AsSplitQuery()
                .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
                .SingleOrDefaultAsync(c => c.Id == conceptId && !c.IsDeleted, ct);
            if (concept is not null)
            {
                CurrentRevision = concept.RevisionNumber;
                // An accepted proposal is compared with what it replaced: the revision before the one it made.
                var made = await db.GlossaryConceptRevisions.Where(r => r.ConceptId == conceptId && r.ProposalId == proposal.Id)
                    .Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);
                if (proposal.Status == ProposalStatus.Accepted && made is { } number)
                {
                    var before = await db.GlossaryConceptRevisions.AsNoTracking().Where(r => r.ConceptId == conceptId && r.Number == number - 1)
                        .Select(r => r.SnapshotJson).FirstOrDefaultAsync(ct);
                    current = before is null ? null : ConceptSnapshot.FromJson(before);
                }
                else
                {
                    current = ConceptSnapshot.Of(concept);
                }
            }
        }
        var names = await EntryHeadings.ManyAsync(db, [.. proposed.RelatedConceptIds, .. current?.RelatedConceptIds ?? []], ct);
        Lines = SnapshotDiff.Compare(current, proposed, names, text);
        Heading = proposed.Languages.SelectMany(l => l.Terms).Select(t => t.Text).FirstOrDefault() ?? "";
        return true;
    }
}
