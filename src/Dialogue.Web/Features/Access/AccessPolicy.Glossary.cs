using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Glossary;

namespace Dialogue.Web.Features.Access;

/// <remarks>
/// Glossaries follow the thread table: CLEAR anyone, GREEN approved members, AMBER and AMBER+STRICT active members
/// of the glossary's space, RED the glossary's appointed editors who are still active members of its space (a RED
/// glossary's "named participants"). A site glossary is only CLEAR or GREEN; should one carry a stricter label it
/// is read by nobody rather than by everybody. Admins get no reading exception, as for threads.
/// </remarks>
public static partial class AccessPolicy
{
    public static bool CanRead(Viewer viewer, GlossaryFacts glossary) => glossary.Label switch
    {
        SensitivityLabel.Clear => true,
        SensitivityLabel.Green => viewer.IsApproved,
        SensitivityLabel.Amber or SensitivityLabel.AmberStrict => glossary.SpaceId is { } spaceId && viewer.IsMemberOf(spaceId),
        SensitivityLabel.Red => glossary.SpaceId is { } spaceId && viewer.IsMemberOf(spaceId)
            && viewer.UserId is { } userId && glossary.EditorIds.Contains(userId),
        _ => false,
    };

    /// <summary>Propose a new entry or a change: any approved member who reads the glossary.</summary>
    public static bool CanPropose(Viewer viewer, GlossaryFacts glossary) => viewer.IsApproved && CanRead(viewer, glossary);

    /// <summary>
    /// Accept, reject, edit entries directly: the glossary's appointed editors, holders of the GlossaryEditor role
    /// (every glossary they read), its space's moderators, and admins — always only while they read it.
    /// </summary>
    public static bool CanCurate(Viewer viewer, GlossaryFacts glossary, bool holdsGlossaryEditorRole) =>
        viewer.IsApproved && CanRead(viewer, glossary)
        && (holdsGlossaryEditorRole || viewer.IsAdmin
            || (viewer.UserId is { } userId && glossary.EditorIds.Contains(userId))
            || (glossary.SpaceId is { } spaceId && viewer.IsSpaceModerator(spaceId)));

    /// <summary>Change a glossary's name, description and label, and appoint its editors: admins, the GlossaryEditor role, its space's moderators.</summary>
    public static bool CanManage(Viewer viewer, GlossaryFacts glossary, bool holdsGlossaryEditorRole) =>
        viewer.IsApproved && CanRead(viewer, glossary)
        && (holdsGlossaryEditorRole || viewer.IsAdmin || (glossary.SpaceId is { } spaceId && viewer.IsSpaceModerator(spaceId)));

    /// <summary>Create a glossary: for the whole site admins and the GlossaryEditor role; for a space also its moderators.</summary>
    public static bool CanCreateGlossary(Viewer viewer, long? spaceId, bool holdsGlossaryEditorRole) =>
        viewer.IsApproved && (holdsGlossaryEditorRole || viewer.IsAdmin || (spaceId is { } id && viewer.IsSpaceModerator(id)));

    /// <summary>A space glossary carries its space's label or a stricter one; a site glossary is CLEAR or GREEN.</summary>
    public static bool IsAllowedGlossaryLabel(SensitivityLabel label, SensitivityLabel? spaceDefault) =>
        Enum.IsDefined(label) && (spaceDefault is { } space ? label >= space : label is SensitivityLabel.Clear or SensitivityLabel.Green);
}
