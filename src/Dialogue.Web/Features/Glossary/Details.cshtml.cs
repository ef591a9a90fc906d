using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Glossary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// One glossary: its entries, searchable by a term in any language and script, filtered by status and subject
/// field; an index per language (A–Z, pinyin initials for Chinese where ICU has the collation); and the entries
/// missing a language. A glossary is read whole (two queries) and arranged in memory: glossaries are hundreds or a
/// few thousand entries, and each language's collation is .NET's, not the database's.
/// </summary>
public class DetailsModel(DialogueDbContext db, GlossaryAccess access) : PageModel
{
    public sealed record TermView(long ConceptId, string LanguageTag, string Text, string Normalized, TermStatus Status);
    public sealed record EntryView(long Id, string Heading, string SubjectField, string? Definition, IReadOnlyList<TermView> Terms);
    public sealed record IndexGroup(string Key, IReadOnlyList<TermView> Terms);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public TermStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    /// <summary>Show the index of this language.</summary>
    [BindProperty(SupportsGet = true, Name = "index")] public string? IndexLanguage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Letter { get; set; }
    /// <summary>List the entries that have no term in this language.</summary>
    [BindProperty(SupportsGet = true)] public string? Missing { get; set; }

    public GlossaryView Glossary { get; private set; } = null!;
    public IReadOnlyList<string> Languages { get; private set; } = [];
    public IReadOnlyList<string> SubjectFields { get; private set; } = [];
    public IReadOnlyList<EntryView> Entries { get; private set; } = [];
    public int TotalEntries { get; private set; }
    public IReadOnlyList<string> Letters { get; private set; } = [];
    public IReadOnlyList<IndexGroup> Index { get; private set; } = [];
    public int OpenProposals { get; private set; }

    public async Task<IActionResult> OnGetAsync(long glossaryId, CancellationToken ct)
    {
        if (await access.FindAsync(glossaryId, ct) is not { } glossary)
        {
            return NotFound();
        }
        Glossary = glossary;
        var concepts = await db.GlossaryConcepts.AsNoTracking().Where(c => c.GlossaryId == glossaryId && !c.IsDeleted)
            .Select(c => new { c.Id, c.SubjectField, Definitions = c.Languages.Select(l => new { l.LanguageTag, l.Definition }).ToList() })
            .ToListAsync(ct);
        var terms = await db.GlossaryTerms.AsNoTracking()
            .Where(t => t.GlossaryId == glossaryId && db.GlossaryConcepts.Any(c => c.Id == t.ConceptId && !c.IsDeleted))
            .OrderBy(t => t.ConceptId).ThenBy(t => t.Position)
            .Select(t => new TermView(t.ConceptId, t.LanguageTag, t.Text, t.NormalizedText, t.Status))
            .ToListAsync(ct);
        OpenProposals = glossary.CanCurate
            ? await db.GlossaryProposals.CountAsync(p => p.GlossaryId == glossaryId && p.Status == ProposalStatus.Open, ct)
            : 0;
        TotalEntries = concepts.Count;
        Languages = [.. terms.Select(t => t.LanguageTag).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(LanguageOrder).ThenBy(t => t, StringComparer.Ordinal)];
        SubjectFields = [.. concepts.Select(c => c.SubjectField).Where(s => s.Length > 0).Distinct().Order(StringComparer.CurrentCulture)];
        var termsByConcept = terms.ToLookup(t => t.ConceptId);

        if (IndexLanguage is { } indexTag && Languages.FirstOrDefault(l => l.Equals(indexTag, StringComparison.OrdinalIgnoreCase)) is { } indexLanguage)
        {
            IndexLanguage = indexLanguage;
            var comparer = LanguageTags.Comparer(indexLanguage);
            var inLanguage = terms.Where(t => t.LanguageTag == indexLanguage).Where(t => Status is null || t.Status == Status)
                .GroupBy(t => LanguageTags.IndexKey(indexLanguage, t.Text)).ToList();
            Letters = [.. inLanguage.Select(g => g.Key).OrderBy(k => k == "#" ? 1 : 0).ThenBy(k => k, comparer)];
            Index = [.. inLanguage.Where(g => Letter is null || g.Key == Letter)
                .OrderBy(g => g.Key == "#" ? 1 : 0).ThenBy(g => g.Key, comparer)
                .Select(g => new IndexGroup(g.Key, [.. g.OrderBy(t => t.Text, comparer)]))];
            return Page();
        }
        IndexLanguage = null;

        var ui = CultureInfo.CurrentUICulture.Name;
        var query = Q is { Length: > 0 and <= 200 } ? TermText.Normalize(Q) : null;
        var missing = Missing is { Length: > 0 } ? Languages.FirstOrDefault(l => l.Equals(Missing, StringComparison.OrdinalIgnoreCase)) ?? LanguageTags.Canonical(Missing) : null;
        Missing = missing;
        var entries = concepts
            .Where(c => Subject is not { Length: > 0 } || c.SubjectField == Subject)
            .Where(c => Status is null || termsByConcept[c.Id].Any(t => t.Status == Status))
            .Where(c => query is null || termsByConcept[c.Id].Any(t => t.Normalized.Contains(query, StringComparison.Ordinal)))
            .Where(c => missing is null || !termsByConcept[c.Id].Any(t => t.LanguageTag.Equals(missing, StringComparison.OrdinalIgnoreCase)))
            .Select(c =>
            {
                var own = termsByConcept[c.Id].OrderBy(t => LanguageOrder(t.LanguageTag)).ThenBy(t => t.LanguageTag, StringComparer.Ordinal).ToList();
                var heading = Heading(own, ui);
                var definition = c.Definitions.FirstOrDefault(d => d.LanguageTag == ui)?.Definition
                    ?? c.Definitions.FirstOrDefault(d => d.LanguageTag == heading?.LanguageTag)?.Definition
                    ?? c.Definitions.FirstOrDefault()?.Definition;
                return new EntryView(c.Id, heading?.Text ?? "", c.SubjectField, definition, own);
            })
            .ToList();
        var headingComparer = LanguageTags.Comparer(ui);
        Entries = [.. entries.OrderBy(e => e.Heading, headingComparer)];
        return Page();
    }

    /// <summary>An entry's heading: its preferred term in the reader's language, else in English, else its first term.</summary>
    public static TermView? Heading(IReadOnlyList<TermView> terms, string uiLanguage) =>
        terms.Where(t => t.LanguageTag == uiLanguage).OrderBy(t => t.Status).FirstOrDefault()
        ?? terms.Where(t => t.LanguageTag == "en").OrderBy(t => t.Status).FirstOrDefault()
        ?? (terms.Count > 0 ? terms[0] : null);

    /// <summary>The site's two interface languages first, then the others by tag.</summary>
    public static int LanguageOrder(string tag) => tag switch { "en" => 0, "zh-Hans" => 1, _ => 2 };

    public string Link(object values) => Url.Page("Details", values) ?? "/Glossary";
}
