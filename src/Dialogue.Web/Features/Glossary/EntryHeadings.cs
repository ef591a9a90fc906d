using System.Globalization;
using Dialogue.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>How entries are named on pages that are not about their terms: their heading term in the reader's language.</summary>
public static class EntryHeadings
{
    public static async Task<string> OfAsync(DialogueDbContext db, long conceptId, CancellationToken ct) =>
        (await ManyAsync(db, [conceptId], ct)).GetValueOrDefault(conceptId) ?? "";

    public static async Task<IReadOnlyDictionary<long, string>> ManyAsync(DialogueDbContext db, IReadOnlyCollection<long> conceptIds, CancellationToken ct)
    {
        var ids = conceptIds.Distinct().ToList();
        var terms = await db.GlossaryTerms.AsNoTracking().Where(t => ids.Contains(t.ConceptId))
            .OrderBy(t => t.Position)
            .Select(t => new DetailsModel.TermView(t.ConceptId, t.LanguageTag, t.Text, t.NormalizedText, t.Status)).ToListAsync(ct);
        var ui = CultureInfo.CurrentUICulture.Name;
        return terms.GroupBy(t => t.ConceptId).ToDictionary(g => g.Key, g => DetailsModel.Heading([.. g], ui)?.Text ?? "");
    }
}
