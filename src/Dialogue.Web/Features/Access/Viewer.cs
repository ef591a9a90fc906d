using Dialogue.Data.Spaces;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// Who is looking, as the access policy needs to know it: built once per request from the signed-in
/// principal (<see cref="CurrentViewer"/>) or, in a job acting for a recipient, from the database
/// (<see cref="ViewerLoader"/>). Holds only ACTIVE space memberships.
/// </summary>
public sealed record Viewer
{
    public static readonly Viewer Anonymous = new();

    public string? UserId { get; init; }
    /// <summary>Signed in with an account in the Active state (not pending approval, not suspended).</summary>
    public bool IsApproved { get; init; }
    public bool IsAdmin { get; init; }
    /// <summary>The site-wide Moderator role: moderates every space whose content the viewer may read.</summary>
    public bool IsSiteModerator { get; init; }
    /// <summary>Active memberships: space id → role.</summary>
    public IReadOnlyDictionary<long, SpaceRole> Spaces { get; init; } = new Dictionary<long, SpaceRole>();

    /// <summary>
    /// Builds something that leaves the platform (a digest, an email): scheduled (embargoed) content is never in it,
    /// whoever receives it, until it is released.
    /// </summary>
    public bool OffPlatform { get; init; }

    public bool IsSignedIn => UserId is not null;

    public bool IsMemberOf(long spaceId) => IsApproved && Spaces.ContainsKey(spaceId);

    /// <summary>May moderate the space's content (still only the content the viewer may read).</summary>
    public bool ModeratesSpace(long spaceId) =>
        IsApproved && (IsAdmin || IsSiteModerator || (Spaces.TryGetValue(spaceId, out var role) && role == SpaceRole.Moderator));

    /// <summary>A space moderator by membership (not by site role): manages the space's members.</summary>
    public bool IsSpaceModerator(long spaceId) =>
        IsApproved && Spaces.TryGetValue(spaceId, out var role) && role == SpaceRole.Moderator;

    public long[] MemberSpaceIds() => IsApproved ? [.. Spaces.Keys] : [];

    public long[] ModeratedSpaceIds() =>
        IsApproved ? [.. Spaces.Where(s => s.Value == SpaceRole.Moderator).Select(s => s.Key)] : [];
}
