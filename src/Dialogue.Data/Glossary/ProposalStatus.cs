namespace Dialogue.Data.Glossary;

/// <summary>Stored as its number.</summary>
public enum ProposalStatus
{
    Open = 0,
    Accepted = 1,
    Rejected = 2,
    ChangesRequested = 3,
}
