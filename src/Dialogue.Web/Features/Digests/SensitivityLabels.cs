using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Features.Digests;

public static class SensitivityLabels
{
    /// <summary>The label as TLP 2.0 writes it, in capitals, untranslated: "TLP:AMBER+STRICT".</summary>
    public static string Tlp(this SensitivityLabel label) => LabelTagHelper.Name(label);
}
