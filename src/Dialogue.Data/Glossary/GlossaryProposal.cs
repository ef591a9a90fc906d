namespace Dialogue.Data.Glossary;

/// <summary>A member's proposed new entry (ConceptId null) or change to an entry, waiting for an editor's decision.</summary>
public class GlossaryProposal
{
    public long Id { get; set; }
    public long GlossaryId { get; set; }
    public long? ConceptId { get; set; }
    /// <summary>The entry's revision the proposal was written against, so a reviewer sees whether it changed since.</summary>
    public int? BaseRevisionNumber { get; set; }
    public string ProposerId { get; set; } = "";
    public string SnapshotJson { get; set; } = "";
    /// <summary>The proposer's explanation of the change.</summary>
    public string Summary { get; set; } = "";
    public ProposalStatus Status { get; set; }
    public string? ReviewerId { get; set; }
    /// <summary>Why it was rejected or what to change.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public Glossary? Glossary { get; set; }
    public Concept? Concept { get; set; }
}
