using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Glossary;

namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>
    /// Download the glossary as TBX or CSV: its readers, within the export column of the sensitivity table
    /// (shared/DESIGN.md): AMBER+STRICT exports no content and RED never leaves the platform, whoever asks.
    /// </summary>
    public static bool CanExportGlossary(Viewer viewer, GlossaryFacts glossary) =>
        glossary.Label is not (SensitivityLabel.AmberStrict or SensitivityLabel.Red) && CanRead(viewer, glossary);

    /// <summary>
    /// Import entries into the glossary: its curators (appointed editors, or holders of the site-wide GlossaryEditor
    /// role) while they may read it. An import writes straight into the entries, as an accepted edit does.
    /// </summary>
    public static bool CanImportGlossary(Viewer viewer, GlossaryFacts glossary, bool holdsGlossaryEditorRole) =>
        viewer.IsApproved && CanRead(viewer, glossary)
        && (holdsGlossaryEditorRole || (viewer.UserId is { } id && glossary.EditorIds.Contains(id)));
}
