using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

/// <summary>What the access policy needs to know about a glossary.</summary>
/// <param name="SpaceId">The owning space; null for a site-wide glossary (CLEAR or GREEN only).</param>
/// <param name="EditorIds">Its appointed editors: the named people of a RED glossary.</param>
public sealed record GlossaryFacts(long Id, long? SpaceId, SensitivityLabel Label, IReadOnlyCollection<string> EditorIds);

public static partial class AccessPolicy
{
    /// <summary>
    /// Download the glossary as TBX or CSV: its readers, within the export column of the sensitivity table
    /// (shared/DESIGN.md): AMBER+STRICT exports no content and RED never leaves the platform, whoever asks.
    /// </summary>
    public static bool CanExportGlossary(Viewer viewer, GlossaryFacts glossary) =>
        glossary.Label is not (SensitivityLabel.AmberStrict or SensitivityLabel.Red) && GlossaryReadableForExchange(viewer, glossary);

    /// <summary>
    /// Import entries into the glossary: its curators (appointed editors, or holders of the site-wide GlossaryEditor
    /// role) while they may read it. An import writes straight into the entries, as an accepted edit does.
    /// </summary>
    public static bool CanImportGlossary(Viewer viewer, GlossaryFacts glossary, bool holdsGlossaryEditorRole) =>
        viewer.IsApproved && GlossaryReadableForExchange(viewer, glossary)
        && (holdsGlossaryEditorRole || (viewer.UserId is { } id && glossary.EditorIds.Contains(id)));

    /// <summary>
    /// The glossary read rule as the exchange pages apply it (until the glossary feature's own read rule replaces it). A RED glossary has no thread participants; its named
    /// readers are its appointed editors, who must still be members of its space.
    /// </summary>
    public static bool GlossaryReadableForExchange(Viewer viewer, GlossaryFacts glossary) => glossary.Label switch
    {
        SensitivityLabel.Clear => true,
        SensitivityLabel.Green => viewer.IsApproved,
        SensitivityLabel.Amber or SensitivityLabel.AmberStrict => glossary.SpaceId is { } space && viewer.IsMemberOf(space),
        SensitivityLabel.Red => glossary.SpaceId is { } space && viewer.IsMemberOf(space)
            && viewer.UserId is { } id && glossary.EditorIds.Contains(id),
        _ => false,
    };
}
