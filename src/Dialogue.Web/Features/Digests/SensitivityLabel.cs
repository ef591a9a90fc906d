namespace Dialogue.Web.Features.Digests;

/// <summary>
/// Traffic Light Protocol labels, in order of strictness (a higher value is stricter). Stands in for the
/// threads model's own label until the two are unified.
/// </summary>
public enum SensitivityLabel
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

public static class SensitivityLabels
{
    /// <summary>The label as TLP 2.0 writes it, in capitals, untranslated: "TLP:AMBER+STRICT".</summary>
    public static string Tlp(this SensitivityLabel label) => "TLP:" + label switch
    {
        SensitivityLabel.Clear => "CLEAR",
        SensitivityLabel.Green => "GREEN",
        SensitivityLabel.Amber => "AMBER",
        SensitivityLabel.AmberStrict => "AMBER+STRICT",
        _ => "RED",
    };
}
