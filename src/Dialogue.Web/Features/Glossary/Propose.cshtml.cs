using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The entry form: a reader proposes a new entry or a change (or revises their own proposal); a curator may also
/// save it directly, which makes a revision at once. "More rows" re-shows the form with spare rows and saves nothing.
/// </summary>
public class ProposeModel(DialogueDbContext db, GlossaryAccess access, GlossaryEntries entries, IStringLocalizer<Text> text) : PageModel
{
    public sealed record EntryOption(long Id, string Heading);

    [BindProperty] public EntryForm Data { get; set; } = new();

    public GlossaryView Glossary { get; private set; } = null!;
    public long? ConceptId { get; private set; }
    public long? ProposalId { get; private set; }
    public string? Heading { get; private set; }
    public string? ReviewerReason { get; private set; }
    public IReadOnlyList<EntryOption> OtherEntries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long glossaryId, long? conceptId, long? proposalId, string? addLanguage, CancellationToken ct)
    {
        if (!await LoadAsync(glossaryId, conceptId, proposalId, ct))
        {
            return NotFound();
        }
        if (ProposalId is { } pid)
        {
            var proposal = await db.GlossaryProposals.AsNoTracking().SingleAsync(p => p.Id == pid, ct);
            Data = EntryForm.From(ConceptSnapshot.FromJson(proposal.SnapshotJson), proposal.Summary);
            ReviewerReason = proposal.Reason;
        }
        else if (ConceptId is { } cid)
        {
            var concept = await db.GlossaryConcepts.AsNoTracking().AsSplitQuery()
                .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations).SingleAsync(c => c.Id == cid, ct);
            Data = EntryForm.From(ConceptSnapshot.Of(concept));
        }
        Data.AddSpareRows();
        if (LanguageTags.Canonical(addLanguage) is { } language)
        {
            Data.Terms.Insert(Data.Terms.Count - EntryForm.SpareTermRows, new EntryForm.TermRow { LanguageTag = language, Status = TermStatus.Proposed });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostMoreRowsAsync(long glossaryId, long? conceptId, long? proposalId, CancellationToken ct)
    {
        if (!await LoadAsync(glossaryId, conceptId, proposalId, ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        Data.AddSpareRows();
        return Page();
    }

    /// <summary>Send it for review.</summary>
    public async Task<IActionResult> OnPostAsync(long glossaryId, long? conceptId, long? proposalId, CancellationToken ct)
    {
        if (!await LoadAsync(glossaryId, conceptId, proposalId, ct))
        {
            return NotFound();
        }
        if (Validate() is not { } snapshot)
        {
            return Page();
        }
        var summary = Data.Summary?.Trim() ?? "";
        if (ProposalId is { } pid)
        {
            if (!await entries.ReviseAsync(Glossary, pid, snapshot, summary, ct))
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }
            TempData["Status"] = (string)text["Your proposal was updated and waits for an editor."];
            return Redirect($"/Glossary/Proposal/{pid}");
        }
        if (await entries.ProposeAsync(Glossary, ConceptId, snapshot, summary, ct) is not { } id)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        TempData["Status"] = (string)text["Thank you: your proposal waits for an editor."];
        return Redirect($"/Glossary/Proposal/{id}");
    }

    /// <summary>A curator's direct edit.</summary>
    public async Task<IActionResult> OnPostSaveAsync(long glossaryId, long? conceptId, CancellationToken ct)
    {
        if (!await LoadAsync(glossaryId, conceptId, null, ct))
        {
            return NotFound();
        }
        if (!Glossary.CanCurate)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (Validate() is not { } snapshot)
        {
            return Page();
        }
        var saved = await entries.SaveAsync(Glossary, ConceptId, snapshot, Data.Summary?.Trim() ?? "", ct);
        if (saved is not { } id)
        {
            return NotFound();
        }
        TempData["Status"] = (string)text["The entry was saved."];
        return Redirect($"/Glossary/Concept/{id}");
    }

    private ConceptSnapshot? Validate()
    {
        if (!ModelState.IsValid)
        {
            return null;
        }
        var relatable = OtherEntries.Select(e => e.Id).ToHashSet();
        var result = EntryValidator.Validate(Data, relatable, text);
        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        return result.Snapshot;
    }

    /// <summary>False when the glossary, entry or proposal is not there for this viewer to propose to.</summary>
    private async Task<bool> LoadAsync(long glossaryId, long? conceptId, long? proposalId, CancellationToken ct)
    {
        if (await access.FindAsync(glossaryId, ct) is not { CanPropose: true } glossary)
        {
            return false;
        }
        Glossary = glossary;
        if (proposalId is { } pid)
        {
            var proposal = await db.GlossaryProposals.AsNoTracking().Where(p => p.Id == pid && p.GlossaryId == glossaryId)
                .Select(p => new { p.ProposerId, p.Status, p.ConceptId }).SingleOrDefaultAsync(ct);
            if (proposal is null || proposal.ProposerId != glossary.Viewer.UserId)
            {
                return false;
            }
            ProposalId = pid;
            conceptId = proposal.ConceptId;
        }
        if (conceptId is { } cid)
        {
            if (!await db.GlossaryConcepts.AnyAsync(c => c.Id == cid && c.GlossaryId == glossaryId && !c.IsDeleted, ct))
            {
                return false;
            }
            ConceptId = cid;
            Heading = await EntryHeadings.OfAsync(db, cid, ct);
        }
        var ids = await db.GlossaryConcepts.Where(c => c.GlossaryId == glossaryId && !c.IsDeleted && c.Id != conceptId).Select(c => c.Id).ToListAsync(ct);
        var names = await EntryHeadings.ManyAsync(db, ids, ct);
        var comparer = LanguageTags.Comparer(System.Globalization.CultureInfo.CurrentUICulture.Name);
        OtherEntries = [.. names.Select(n => new EntryOption(n.Key, n.Value)).OrderBy(e => e.Heading, comparer)];
        return true;
    }
}
