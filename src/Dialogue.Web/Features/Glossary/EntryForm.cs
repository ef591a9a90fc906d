using System.ComponentModel.DataAnnotations;
using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The form for an entry, used to propose one and to edit one: the concept's fields, one row per language's
/// definition, and repeatable term rows. Blank rows are ignored, so the page can offer spare rows without script.
/// </summary>
public sealed class EntryForm
{
    public const int SpareTermRows = 3;
    public const int SpareLanguageRows = 1;

    [StringLength(200, ErrorMessage = "The subject field can be at most 200 characters.")]
    public string? SubjectField { get; set; }

    [StringLength(4000, ErrorMessage = "The note can be at most 4000 characters.")]
    public string? Note { get; set; }

    public List<LanguageRow> Languages { get; set; } = [];
    public List<TermRow> Terms { get; set; } = [];
    public List<long> RelatedConceptIds { get; set; } = [];

    [StringLength(1000, ErrorMessage = "The summary can be at most 1000 characters.")]
    public string? Summary { get; set; }

    public sealed class LanguageRow
    {
        [StringLength(35, ErrorMessage = "A language tag is at most 35 characters.")]
        public string? LanguageTag { get; set; }

        [StringLength(4000, ErrorMessage = "A definition can be at most 4000 characters.")]
        public string? Definition { get; set; }

        [StringLength(500, ErrorMessage = "A source can be at most 500 characters.")]
        public string? DefinitionSource { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(LanguageTag) && string.IsNullOrWhiteSpace(Definition) && string.IsNullOrWhiteSpace(DefinitionSource);
    }

    public sealed class TermRow
    {
        [StringLength(35, ErrorMessage = "A language tag is at most 35 characters.")]
        public string? LanguageTag { get; set; }

        [StringLength(300, ErrorMessage = "A term can be at most 300 characters.")]
        public string? Text { get; set; }

        public PartOfSpeech PartOfSpeech { get; set; }
        public TermStatus Status { get; set; } = TermStatus.Preferred;

        [StringLength(500, ErrorMessage = "A source can be at most 500 characters.")]
        public string? Source { get; set; }

        [StringLength(1000, ErrorMessage = "A usage context can be at most 1000 characters.")]
        public string? UsageContext { get; set; }

        [StringLength(2000, ErrorMessage = "A note can be at most 2000 characters.")]
        public string? Note { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(LanguageTag) && string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Source)
            && string.IsNullOrWhiteSpace(UsageContext) && string.IsNullOrWhiteSpace(Note);
    }

    public static EntryForm From(ConceptSnapshot snapshot, string? summary = null) => new()
    {
        SubjectField = snapshot.SubjectField,
        Note = snapshot.Note,
        Languages = [.. snapshot.Languages.Where(l => l.Definition.Length > 0 || l.DefinitionSource.Length > 0)
            .Select(l => new LanguageRow { LanguageTag = l.LanguageTag, Definition = l.Definition, DefinitionSource = l.DefinitionSource })],
        Terms = [.. snapshot.Languages.SelectMany(l => l.Terms.Select(t => new TermRow
        {
            LanguageTag = l.LanguageTag, Text = t.Text, PartOfSpeech = t.PartOfSpeech, Status = t.Status,
            Source = t.Source, UsageContext = t.UsageContext, Note = t.Note,
        }))],
        RelatedConceptIds = [.. snapshot.RelatedConceptIds],
        Summary = summary,
    };

    /// <summary>Room for more rows: the no-script way to add terms and languages.</summary>
    public void AddSpareRows(int terms = SpareTermRows, int languages = SpareLanguageRows)
    {
        for (var i = 0; i < terms; i++)
        {
            Terms.Add(new TermRow { LanguageTag = Terms.LastOrDefault()?.LanguageTag });
        }
        for (var i = 0; i < languages; i++)
        {
            Languages.Add(new LanguageRow());
        }
    }
}
