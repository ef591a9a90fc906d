using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The site search with glossary terms added: the posts come from the wrapped index, and on the first page the terms
/// of readable glossaries whose normalised text contains the query (any language, any script) come as their own group.
/// Terms have no author or date, so those filters leave the group out.
/// </summary>
public sealed class GlossarySearchIndex(ISearchIndex posts, DialogueDbContext db, Linking.GlossaryLinker glossaries) : ISearchIndex
{
    public const int MaxTerms = 10;

    public async Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct)
    {
        var results = await posts.SearchAsync(query, viewer, ct);
        if (query.Page != 1 || query.Author is { Length: > 0 } || query.From is not null || query.To is not null)
        {
            return results;
        }
        var text = TermText.Normalize(query.Text);
        if (text.Length == 0 || !await glossaries.AnyReadableAsync(viewer, ct))
        {
            return results;
        }
        var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var concepts = db.GlossaryConcepts.AsNoTracking().VisibleTo(viewer);
        if (query.SpaceId is { } spaceId)
        {
            concepts = concepts.Where(c => c.Glossary!.SpaceId == spaceId);
        }
        if (query.Label is { } label)
        {
            concepts = concepts.Where(c => c.Glossary!.Label == label);
        }
        var terms = await db.GlossaryTerms.AsNoTracking()
            .Where(t => EF.Functions.Like(t.NormalizedText, pattern, "\\"))
            .Join(concepts, t => t.ConceptId, c => c.Id, (t, c) => new
            {
                t.ConceptId,
                t.Text,
                t.LanguageTag,
                t.Status,
                Exact = t.NormalizedText == text,
                t.NormalizedText,
                Glossary = c.Glossary!.Name,
                c.Glossary.Label,
                Definition = c.Languages.Where(l => l.LanguageTag == t.LanguageTag).Select(l => l.Definition).FirstOrDefault()
                    ?? c.Languages.Select(l => l.Definition).FirstOrDefault(),
            })
            .OrderByDescending(t => t.Exact).ThenBy(t => t.NormalizedText.Length).ThenBy(t => t.ConceptId)
            .Take(MaxTerms)
            .ToListAsync(ct);
        return results with
        {
            Terms = [.. terms.Select(t => new TermHit(t.ConceptId, t.Text, t.LanguageTag, t.Status.ToString(), t.Glossary, t.Label,
                EmailRule.Excerpt(t.Definition ?? "")))],
        };
    }
}
