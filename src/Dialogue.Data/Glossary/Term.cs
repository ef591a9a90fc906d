namespace Dialogue.Data.Glossary;

/// <summary>A TBX termSec: one designation of a concept in one language.</summary>
public class Term
{
    public long Id { get; set; }
    public long ConceptId { get; set; }
    /// <summary>Copied from the concept so lookups by glossary, language and text need no join.</summary>
    public long GlossaryId { get; set; }
    public string LanguageTag { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>NFKC of the case-folded text (<c>TermText.Normalize</c>): what search and matching compare.</summary>
    public string NormalizedText { get; set; } = "";
    public PartOfSpeech PartOfSpeech { get; set; }
    public TermStatus Status { get; set; }
    public string Source { get; set; } = "";
    /// <summary>TBX context: a sentence showing the term in use.</summary>
    public string UsageContext { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary>Order within its language, as the editor listed the terms.</summary>
    public int Position { get; set; }
}
