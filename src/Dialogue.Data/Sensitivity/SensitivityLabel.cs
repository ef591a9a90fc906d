namespace Dialogue.Data.Sensitivity;

/// <summary>
/// Traffic Light Protocol 2.0 labels, ordered from the most open to the strictest, so that
/// "stricter than" is a plain comparison (<c>label &gt;= space.DefaultLabel</c>).
/// Stored as its number; never reorder or renumber.
/// </summary>
public enum SensitivityLabel
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}
