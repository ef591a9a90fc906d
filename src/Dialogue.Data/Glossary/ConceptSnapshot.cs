using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dialogue.Data.Glossary;

/// <summary>
/// A whole concept entry as data: what a revision stores and a proposal carries. Serialised as indented JSON with
/// enum names, so a stored revision reads on its own and two revisions diff line by line.
/// </summary>
public sealed record ConceptSnapshot
{
    public string SubjectField { get; init; } = "";
    public string Note { get; init; } = "";
    public List<LanguageSnapshot> Languages { get; init; } = [];
    public List<long> RelatedConceptIds { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConceptSnapshot FromJson(string json) => JsonSerializer.Deserialize<ConceptSnapshot>(json, Json) ?? new();

    /// <summary>The entry as stored (languages, terms and relations must be loaded).</summary>
    public static ConceptSnapshot Of(Concept concept) => new()
    {
        SubjectField = concept.SubjectField,
        Note = concept.Note,
        Languages = [.. concept.Languages.Select(l => l.LanguageTag)
            .Concat(concept.Terms.Select(t => t.LanguageTag))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(tag => tag, StringComparer.Ordinal)
            .Select(tag =>
            {
                var language = concept.Languages.FirstOrDefault(l => string.Equals(l.LanguageTag, tag, StringComparison.OrdinalIgnoreCase));
                return new LanguageSnapshot
                {
                    LanguageTag = tag,
                    Definition = language?.Definition ?? "",
                    DefinitionSource = language?.DefinitionSource ?? "",
                    Terms = [.. concept.Terms.Where(t => string.Equals(t.LanguageTag, tag, StringComparison.OrdinalIgnoreCase))
                        .OrderBy(t => t.Position).ThenBy(t => t.Id)
                        .Select(t => new TermSnapshot
                        {
                            Text = t.Text, PartOfSpeech = t.PartOfSpeech, Status = t.Status,
                            Source = t.Source, UsageContext = t.UsageContext, Note = t.Note,
                        })],
                };
            })],
        RelatedConceptIds = [.. concept.Relations.Select(r => r.RelatedConceptId).Order()],
    };

    /// <summary>
    /// Makes the tracked entry equal to this snapshot: fields, definitions, terms and relations replaced wholesale
    /// (the revision history, not row identity, is the record of what changed).
    /// </summary>
    public void ApplyTo(Concept concept)
    {
        concept.SubjectField = SubjectField;
        concept.Note = Note;
        concept.Languages.Clear();
        concept.Terms.Clear();
        concept.Relations.Clear();
        foreach (var language in Languages)
        {
            if (language.Definition.Length > 0 || language.DefinitionSource.Length > 0)
            {
                concept.Languages.Add(new ConceptLanguage
                {
                    LanguageTag = language.LanguageTag,
                    Definition = language.Definition,
                    DefinitionSource = language.DefinitionSource,
                });
            }
            var position = 0;
            foreach (var term in language.Terms)
            {
                concept.Terms.Add(new Term
                {
                    GlossaryId = concept.GlossaryId,
                    LanguageTag = language.LanguageTag,
                    Text = term.Text,
                    NormalizedText = TermText.Normalize(term.Text),
                    PartOfSpeech = term.PartOfSpeech,
                    Status = term.Status,
                    Source = term.Source,
                    UsageContext = term.UsageContext,
                    Note = term.Note,
                    Position = position++,
                });
            }
        }
        foreach (var related in RelatedConceptIds.Distinct())
        {
            concept.Relations.Add(new ConceptRelation { RelatedConceptId = related });
        }
    }
}

public sealed record LanguageSnapshot
{
    public string LanguageTag { get; init; } = "";
    public string Definition { get; init; } = "";
    public string DefinitionSource { get; init; } = "";
    public List<TermSnapshot> Terms { get; init; } = [];
}

public sealed record TermSnapshot
{
    public string Text { get; init; } = "";
    public PartOfSpeech PartOfSpeech { get; init; }
    public TermStatus Status { get; init; }
    public string Source { get; init; } = "";
    public string UsageContext { get; init; } = "";
    public string Note { get; init; } = "";
}
