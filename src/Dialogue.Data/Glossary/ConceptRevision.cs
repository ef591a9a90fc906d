namespace Dialogue.Data.Glossary;

/// <summary>A version of a concept entry: the whole entry as a <see cref="ConceptSnapshot"/> in JSON, so any two compare.</summary>
public class ConceptRevision
{
    public long Id { get; set; }
    public long ConceptId { get; set; }
    /// <summary>1 for the entry as created, then 2, 3, …</summary>
    public int Number { get; set; }
    public string? AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string SnapshotJson { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>The accepted proposal this revision came from, if any.</summary>
    public long? ProposalId { get; set; }
}
