using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>One entry: every language's definition and terms, related entries, a side-by-side view of two languages, and its discussion.</summary>
public class ConceptModel(DialogueDbContext db, GlossaryAccess access, Posting posting, IStringLocalizer<Text> text) : PageModel
{
    public sealed record TermRow(string Text, TermStatus Status, PartOfSpeech PartOfSpeech, string Source, string UsageContext, string Note, string? UseInstead);
    public sealed record LanguageBlock(string Tag, string Definition, string DefinitionSource, IReadOnlyList<TermRow> Terms);
    public sealed record Related(long Id, string Heading);
    public sealed record SpaceOption(long Id, string Name);

    public GlossaryView Glossary { get; private set; } = null!;
    public long ConceptId { get; private set; }
    public string Heading { get; private set; } = "";
    public string SubjectField { get; private set; } = "";
    public string Note { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public int RevisionNumber { get; private set; }
    public IReadOnlyList<LanguageBlock> Languages { get; private set; } = [];
    public IReadOnlyList<Related> RelatedEntries { get; private set; } = [];
    /// <summary>The discussion, when it exists and the viewer may read it.</summary>
    public long? ThreadId { get; private set; }
    public bool HasThread { get; private set; }
    public IReadOnlyList<SpaceOption> DiscussionSpaces { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string Left { get; set; } = "en";
    [BindProperty(SupportsGet = true)] public string Right { get; set; } = "zh-Hans";

    public async Task<IActionResult> OnGetAsync(long conceptId, CancellationToken ct) =>
        await LoadAsync(conceptId, ct) ? Page() : NotFound();

    /// <summary>Starts the entry's discussion thread, once; a second click (or a second member) is taken to the same thread.</summary>
    public async Task<IActionResult> OnPostDiscussAsync(long conceptId, long? discussionSpaceId, CancellationToken ct)
    {
        if (!await LoadAsync(conceptId, ct))
        {
            return NotFound();
        }
        var viewer = Glossary.Viewer;
        var existing = await db.GlossaryConcepts.Where(c => c.Id == conceptId).Select(c => c.ThreadId).SingleAsync(ct);
        if (existing is { } threadId)
        {
            return await db.Threads.VisibleTo(viewer).AnyAsync(t => t.Id == threadId, ct) ? Redirect($"/Threads/{threadId}") : StatusCode(StatusCodes.Status403Forbidden);
        }
        // A space's glossary is discussed in its space; a site glossary in a space the member chooses among their own.
        var spaceId = Glossary.SpaceId ?? discussionSpaceId;
        if (!Glossary.CanPropose || spaceId is not { } space || !viewer.IsMemberOf(space))
        {
            if (Glossary.SpaceId is null && Glossary.CanPropose)
            {
                ModelState.AddModelError("discussionSpaceId", text["Choose one of your spaces for the discussion."]);
                return Page();
            }
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var spaceDefault = await db.Spaces.Where(s => s.Id == space).Select(s => s.DefaultLabel).SingleAsync(ct);
        var label = (SensitivityLabel)Math.Max((int)Glossary.Label, (int)spaceDefault);
        // A RED glossary's discussion is RED too, among its editors who are in the space.
        var participants = label == SensitivityLabel.Red
            ? await db.SpaceMembers.Where(m => m.SpaceId == space && Glossary.Facts.EditorIds.Contains(m.UserId) && m.Status == Data.Spaces.SpaceMemberStatus.Active)
                .Select(m => m.UserId).ToListAsync(ct)
            : [];
        var link = $"/Glossary/Concept/{conceptId}";
        var thread = await posting.StartThreadAsync(new Posting.NewThread(space,
            EmailRule.Title(text["Glossary: {0}", Heading]), label, ["glossary"],
            text["Discussion of the glossary entry [{0}]({1}) in {2}.", Heading, link, Glossary.Name], participants), viewer, ct);
        var claimed = await db.GlossaryConcepts.Where(c => c.Id == conceptId && c.ThreadId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ThreadId, thread.Id), ct);
        if (claimed == 0)
        {
            // Someone started it a moment earlier: theirs is the entry's thread, this one stays an ordinary thread.
            var winner = await db.GlossaryConcepts.Where(c => c.Id == conceptId).Select(c => c.ThreadId).SingleAsync(ct);
            return Redirect($"/Threads/{winner}");
        }
        return Redirect($"/Threads/{thread.Id}");
    }

    private async Task<bool> LoadAsync(long conceptId, CancellationToken ct)
    {
        if (await access.FindByConceptAsync(conceptId, ct) is not { } glossary)
        {
            return false;
        }
        Glossary = glossary;
        ConceptId = conceptId;
        var concept = await db.GlossaryConcepts.AsNoTracking().AsSplitQuery()
            .Include(c => c.Languages).Include(c => c.Terms).Include(c => c.Relations)
            .SingleAsync(c => c.Id == conceptId, ct);
        SubjectField = concept.SubjectField;
        Note = concept.Note;
        UpdatedAt = concept.UpdatedAt;
        RevisionNumber = concept.RevisionNumber;
        var snapshot = ConceptSnapshot.Of(concept);
        Languages = [.. snapshot.Languages.OrderBy(l => DetailsModel.LanguageOrder(l.LanguageTag)).ThenBy(l => l.LanguageTag, StringComparer.Ordinal)
            .Select(l =>
            {
                var preferred = l.Terms.FirstOrDefault(t => t.Status == TermStatus.Preferred)?.Text;
                return new LanguageBlock(l.LanguageTag, l.Definition, l.DefinitionSource, [.. l.Terms.Select(t => new TermRow(
                    t.Text, t.Status, t.PartOfSpeech, t.Source, t.UsageContext, t.Note,
                    t.Status is TermStatus.Deprecated or TermStatus.Superseded && preferred != t.Text ? preferred : null))]);
            })];
        var ui = CultureInfo.CurrentUICulture.Name;
        var headingTerms = concept.Terms.Select(t => new DetailsModel.TermView(t.ConceptId, t.LanguageTag, t.Text, t.NormalizedText, t.Status)).ToList();
        Heading = DetailsModel.Heading(headingTerms, ui)?.Text ?? "";

        // Related both ways, readable entries of the same glossary only.
        var relatedIds = concept.Relations.Select(r => r.RelatedConceptId)
            .Concat(await db.GlossaryConceptRelations.Where(r => r.RelatedConceptId == conceptId).Select(r => r.ConceptId).ToListAsync(ct))
            .Distinct().ToList();
        var relatedTerms = await db.GlossaryTerms.AsNoTracking()
            .Where(t => relatedIds.Contains(t.ConceptId) && t.GlossaryId == glossary.Id && db.GlossaryConcepts.Any(c => c.Id == t.ConceptId && !c.IsDeleted))
            .Select(t => new DetailsModel.TermView(t.ConceptId, t.LanguageTag, t.Text, t.NormalizedText, t.Status)).ToListAsync(ct);
        RelatedEntries = [.. relatedTerms.GroupBy(t => t.ConceptId)
            .Select(g => new Related(g.Key, DetailsModel.Heading([.. g], ui)?.Text ?? ""))
            .OrderBy(r => r.Heading, LanguageTags.Comparer(ui))];

        if (concept.ThreadId is { } threadId)
        {
            HasThread = true;
            ThreadId = await db.Threads.AsNoTracking().VisibleTo(glossary.Viewer).AnyAsync(t => t.Id == threadId, ct) ? threadId : null;
        }
        else if (glossary.SpaceId is null && glossary.CanPropose)
        {
            var member = glossary.Viewer.MemberSpaceIds();
            DiscussionSpaces = await db.Spaces.AsNoTracking().Where(s => member.Contains(s.Id)).OrderBy(s => s.Name)
                .Select(s => new SpaceOption(s.Id, s.Name)).ToListAsync(ct);
        }
        Left = LanguageTags.Canonical(Left) ?? "en";
        Right = LanguageTags.Canonical(Right) ?? "zh-Hans";
        return true;
    }

    public LanguageBlock? Block(string tag) => Languages.FirstOrDefault(l => l.Tag.Equals(tag, StringComparison.OrdinalIgnoreCase));
}
