namespace Dialogue.Data.Glossary;

/// <summary>A TBX langSec's concept-level data: the definition in one language.</summary>
public class ConceptLanguage
{
    public long Id { get; set; }
    public long ConceptId { get; set; }
    /// <summary>A BCP 47 tag as the user wrote it in canonical case (en, zh-Hans, pt-BR).</summary>
    public string LanguageTag { get; set; } = "";
    public string Definition { get; set; } = "";
    public string DefinitionSource { get; set; } = "";
}
