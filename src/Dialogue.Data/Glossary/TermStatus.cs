namespace Dialogue.Data.Glossary;

/// <summary>TBX-Basic's administrativeStatus values, plus Proposed for terms still under review. Stored as its number.</summary>
public enum TermStatus
{
    Preferred = 0,
    Admitted = 1,
    Deprecated = 2,
    Superseded = 3,
    Proposed = 4,
}
