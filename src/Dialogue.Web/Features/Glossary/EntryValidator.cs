using Dialogue.Data.Glossary;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// Turns a submitted <see cref="EntryForm"/> into a <see cref="ConceptSnapshot"/>, or into errors per field (keyed as
/// the form names them: "Data.Terms[2].Text"). Nothing is saved unless there is no error at all.
/// </summary>
public static class EntryValidator
{
    public sealed record Result(ConceptSnapshot? Snapshot, IReadOnlyList<(string Field, string Message)> Errors);

    /// <param name="relatable">Ids of the glossary's other entries, which related-concept links may name.</param>
    public static Result Validate(EntryForm form, IReadOnlySet<long> relatable, IStringLocalizer text, string prefix = "Data")
    {
        var errors = new List<(string, string)>();
        var definitions = new Dictionary<string, LanguageSnapshot>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < form.Languages.Count; i++)
        {
            var row = form.Languages[i];
            if (row.IsBlank)
            {
                continue;
            }
            var tag = LanguageTags.Canonical(row.LanguageTag);
            if (tag is null)
            {
                errors.Add(($"{prefix}.Languages[{i}].LanguageTag", UnknownTag(row.LanguageTag, text)));
                continue;
            }
            if (string.IsNullOrWhiteSpace(row.Definition))
            {
                errors.Add(($"{prefix}.Languages[{i}].Definition", text["Enter the definition, or clear the row."]));
                continue;
            }
            if (!definitions.TryAdd(tag, new LanguageSnapshot { LanguageTag = tag, Definition = row.Definition.Trim(), DefinitionSource = row.DefinitionSource?.Trim() ?? "" }))
            {
                errors.Add(($"{prefix}.Languages[{i}].LanguageTag", text["This language already has a definition above."]));
            }
        }

        var terms = new List<(string Tag, TermSnapshot Term)>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < form.Terms.Count; i++)
        {
            var row = form.Terms[i];
            if (row.IsBlank || (string.IsNullOrWhiteSpace(row.Text) && string.IsNullOrWhiteSpace(row.Source)
                && string.IsNullOrWhiteSpace(row.UsageContext) && string.IsNullOrWhiteSpace(row.Note)))
            {
                continue; // a spare row, perhaps with its language prefilled
            }
            var tag = LanguageTags.Canonical(row.LanguageTag);
            if (tag is null)
            {
                errors.Add(($"{prefix}.Terms[{i}].LanguageTag", UnknownTag(row.LanguageTag, text)));
            }
            if (string.IsNullOrWhiteSpace(row.Text))
            {
                errors.Add(($"{prefix}.Terms[{i}].Text", text["Enter the term, or clear the row."]));
                continue;
            }
            if (!Enum.IsDefined(row.Status) || !Enum.IsDefined(row.PartOfSpeech))
            {
                errors.Add(($"{prefix}.Terms[{i}].Status", text["Choose a status and a part of speech from the lists."]));
                continue;
            }
            if (tag is null)
            {
                continue;
            }
            if (!seen.Add((tag.ToLowerInvariant(), TermText.Normalize(row.Text))))
            {
                errors.Add(($"{prefix}.Terms[{i}].Text", text["This term is already listed for this language."]));
                continue;
            }
            terms.Add((tag, new TermSnapshot
            {
                Text = row.Text.Trim(),
                PartOfSpeech = row.PartOfSpeech,
                Status = row.Status,
                Source = row.Source?.Trim() ?? "",
                UsageContext = row.UsageContext?.Trim() ?? "",
                Note = row.Note?.Trim() ?? "",
            }));
        }
        if (terms.Count == 0 && !errors.Any(e => e.Item1.StartsWith($"{prefix}.Terms", StringComparison.Ordinal)))
        {
            errors.Add(($"{prefix}.Terms", text["Add at least one term."]));
        }
        foreach (var related in form.RelatedConceptIds.Distinct())
        {
            if (!relatable.Contains(related))
            {
                errors.Add(($"{prefix}.RelatedConceptIds", text["A related entry must be another entry of this glossary."]));
                break;
            }
        }
        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var languages = definitions.Keys.Concat(terms.Select(t => t.Tag)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(tag => (definitions.GetValueOrDefault(tag) ?? new LanguageSnapshot { LanguageTag = tag }) with
            {
                Terms = [.. terms.Where(t => string.Equals(t.Tag, tag, StringComparison.OrdinalIgnoreCase)).Select(t => t.Term)],
            });
        return new Result(new ConceptSnapshot
        {
            SubjectField = form.SubjectField?.Trim() ?? "",
            Note = form.Note?.Trim() ?? "",
            Languages = [.. languages],
            RelatedConceptIds = [.. form.RelatedConceptIds.Distinct().Order()],
        }, []);
    }

    private static string UnknownTag(string? tag, IStringLocalizer text) => string.IsNullOrWhiteSpace(tag)
        ? text["Enter a language tag such as en, zh-Hans, ru or fr."]
        : text["“{0}” is not a language tag this site knows; use a BCP 47 tag such as en, zh-Hans, ru or fr.", tag.Trim()];
}
