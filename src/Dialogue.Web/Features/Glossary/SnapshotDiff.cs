using Dialogue.Data.Glossary;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// A readable diff of two versions of an entry: each version written out as labelled lines ("en · term: alignment
/// (preferred, noun)"), compared line by line with DiffPlex, shown as &lt;ins&gt;/&lt;del&gt; rows.
/// </summary>
public static class SnapshotDiff
{
    public enum Change { Same, Added, Removed }

    public sealed record Line(Change Change, string Text);

    public static IReadOnlyList<Line> Compare(ConceptSnapshot? older, ConceptSnapshot newer, IReadOnlyDictionary<long, string> relatedNames, IStringLocalizer text)
    {
        var before = older is null ? "" : string.Join('\n', Lines(older, relatedNames, text));
        var after = string.Join('\n', Lines(newer, relatedNames, text));
        var diff = new InlineDiffBuilder(new Differ()).BuildDiffModel(before, after, ignoreWhitespace: false);
        return [.. diff.Lines.Where(l => l.Type != ChangeType.Imaginary && !(l.Type == ChangeType.Unchanged && l.Text.Length == 0 && older is null))
            .Select(l => new Line(l.Type switch
            {
                ChangeType.Inserted => Change.Added,
                ChangeType.Deleted => Change.Removed,
                _ => Change.Same,
            }, l.Text))];
    }

    public static IEnumerable<string> Lines(ConceptSnapshot snapshot, IReadOnlyDictionary<long, string> relatedNames, IStringLocalizer text)
    {
        yield return text["Subject field: {0}", snapshot.SubjectField];
        if (snapshot.Note.Length > 0)
        {
            yield return text["Note: {0}", snapshot.Note];
        }
        foreach (var language in snapshot.Languages)
        {
            var tag = language.LanguageTag;
            if (language.Definition.Length > 0)
            {
                yield return $"{tag} · " + text["definition: {0}", language.Definition];
            }
            if (language.DefinitionSource.Length > 0)
            {
                yield return $"{tag} · " + text["definition source: {0}", language.DefinitionSource];
            }
            foreach (var term in language.Terms)
            {
                yield return $"{tag} · " + text["term: {0} ({1}, {2})", term.Text, GlossaryText.Status(text, term.Status), GlossaryText.PartOfSpeech(text, term.PartOfSpeech)];
                if (term.UsageContext.Length > 0)
                {
                    yield return $"{tag} · {term.Text} · " + text["usage context: {0}", term.UsageContext];
                }
                if (term.Source.Length > 0)
                {
                    yield return $"{tag} · {term.Text} · " + text["term source: {0}", term.Source];
                }
                if (term.Note.Length > 0)
                {
                    yield return $"{tag} · {term.Text} · " + text["term note: {0}", term.Note];
                }
            }
        }
        // By name, so two versions listing the same links in another order show no change.
        foreach (var related in snapshot.RelatedConceptIds.Select(id => relatedNames.GetValueOrDefault(id) ?? "#" + id).Order(StringComparer.Ordinal))
        {
            yield return text["related: {0}", related];
        }
    }
}
