namespace Dialogue.Data.Glossary;

/// <summary>A TBX concept entry (conceptEntry): one meaning, named by terms in several languages.</summary>
public class Concept
{
    public long Id { get; set; }
    public long GlossaryId { get; set; }
    /// <summary>TBX subjectField, free text (e.g. "evaluation", "training").</summary>
    public string SubjectField { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The entry's discussion thread, created on demand.</summary>
    public long? ThreadId { get; set; }
    /// <summary>Removed entries keep their history; they leave listings, search and linking.</summary>
    public bool IsDeleted { get; set; }
    /// <summary>The number of the latest <see cref="ConceptRevision"/>, the one the entry's fields equal.</summary>
    public int RevisionNumber { get; set; }

    public Glossary? Glossary { get; set; }
    public List<ConceptLanguage> Languages { get; set; } = [];
    public List<Term> Terms { get; set; } = [];
    public List<ConceptRelation> Relations { get; set; } = [];
}
