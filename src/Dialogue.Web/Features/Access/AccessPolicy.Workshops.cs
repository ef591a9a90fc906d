using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;

namespace Dialogue.Web.Features.Access;

/// <summary>What the access policy needs to know about a workshop.</summary>
/// <param name="Invitees">Members an organiser ever invited: a RED workshop's participants.</param>
public sealed record WorkshopFacts(
    long SpaceId,
    SensitivityLabel Label,
    IReadOnlyCollection<string> Organisers,
    IReadOnlyCollection<string> Invitees,
    WorkshopRegistrationMode Mode = WorkshopRegistrationMode.Open,
    bool IsCancelled = false);

/// <summary>What an organiser's registrant export may carry, by label (docs/privacy.md).</summary>
public enum WorkshopExport
{
    /// <summary>RED: counts by status, no person.</summary>
    CountsOnly = 0,
    /// <summary>AMBER+STRICT: display names and statuses; nothing that reaches a person off the platform.</summary>
    NamesOnly = 1,
    /// <summary>AMBER: names, affiliations and statuses, no email addresses.</summary>
    NamesAndAffiliations = 2,
    /// <summary>CLEAR and GREEN: names, affiliations, email addresses and statuses.</summary>
    Full = 3,
}

public static partial class AccessPolicy
{
    /// <summary>
    /// Read a workshop (its page, agenda, and its place in lists and calendars): the thread rule, with a RED workshop's
    /// participants being its organisers and the members they invited. Same rule as <see cref="Visible.VisibleTo(IQueryable{Workshop}, Viewer)"/>.
    /// </summary>
    public static bool CanRead(Viewer viewer, WorkshopFacts workshop) => workshop.Label switch
    {
        SensitivityLabel.Clear => true,
        SensitivityLabel.Green => viewer.IsApproved,
        SensitivityLabel.Amber or SensitivityLabel.AmberStrict => viewer.IsMemberOf(workshop.SpaceId),
        SensitivityLabel.Red => viewer.IsMemberOf(workshop.SpaceId) && viewer.UserId is { } id
            && (workshop.Organisers.Contains(id) || workshop.Invitees.Contains(id)),
        _ => false,
    };

    /// <summary>Schedule a workshop in a space: its members who hold the Organiser role, its moderators, and admins who are members.</summary>
    public static bool CanCreateWorkshop(Viewer viewer, long spaceId, bool holdsOrganiserRole) =>
        viewer.IsMemberOf(spaceId) && (holdsOrganiserRole || viewer.IsSpaceModerator(spaceId) || viewer.IsAdmin);

    /// <summary>Edit, cancel, manage the agenda, registrants and organisers: the workshop's organisers and the space's moderators, while members who may read it.</summary>
    public static bool CanManage(Viewer viewer, WorkshopFacts workshop) =>
        CanRead(viewer, workshop) && viewer.IsMemberOf(workshop.SpaceId) && viewer.UserId is { } id
        && (workshop.Organisers.Contains(id) || viewer.IsSpaceModerator(workshop.SpaceId));

    /// <summary>
    /// Ask for a place: a signed-in reader of a workshop that still takes registrations; invitation-only workshops (every
    /// RED one) only for invitees.
    /// </summary>
    public static bool CanRegister(Viewer viewer, WorkshopFacts workshop) =>
        CanRead(viewer, workshop) && viewer.IsApproved && !workshop.IsCancelled
        && (workshop.Mode != WorkshopRegistrationMode.InvitationOnly || (viewer.UserId is { } id && workshop.Invitees.Contains(id)));

    /// <summary>A workshop's label is never laxer than its space's, and a RED one is by invitation only.</summary>
    public static bool IsAllowedWorkshopMode(SensitivityLabel label, WorkshopRegistrationMode mode) =>
        Enum.IsDefined(mode) && (label != SensitivityLabel.Red || mode == WorkshopRegistrationMode.InvitationOnly);

    /// <summary>What a registrant export may carry: the export column of the sensitivity model, made concrete for people.</summary>
    public static WorkshopExport ExportFor(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear or SensitivityLabel.Green => WorkshopExport.Full,
        SensitivityLabel.Amber => WorkshopExport.NamesAndAffiliations,
        SensitivityLabel.AmberStrict => WorkshopExport.NamesOnly,
        _ => WorkshopExport.CountsOnly,
    };
}
