using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// What the access policy needs to know about a workshop series: the label and space every occurrence carries, and the
/// people who organise or were invited to any of them (a RED series' participants).
/// </summary>
public sealed record SeriesFacts(long SpaceId, SensitivityLabel Label, IReadOnlyCollection<string> Organisers, IReadOnlyCollection<string> Invitees)
{
    public WorkshopFacts AsWorkshop => new(SpaceId, Label, Organisers, Invitees);
}

public static partial class AccessPolicy
{
    /// <summary>
    /// Read a series (its page and its .ics): the workshop rule, applied to the label and space its occurrences share;
    /// for RED, its participants are the organisers and invitees of any occurrence.
    /// </summary>
    public static bool CanReadSeries(Viewer viewer, SeriesFacts series) => CanRead(viewer, series.AsWorkshop);

    /// <summary>Change "this and all following" occurrences: whoever may manage a workshop of the series.</summary>
    public static bool CanManageSeries(Viewer viewer, SeriesFacts series) => CanManage(viewer, series.AsWorkshop);
}
