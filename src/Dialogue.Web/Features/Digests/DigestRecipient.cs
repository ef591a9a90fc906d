using System.Globalization;
using Dialogue.Data.Digests;

namespace Dialogue.Web.Features.Digests;

/// <summary>Who a digest is built for, and as: sections read content as this recipient.</summary>
public sealed record DigestRecipient(
    DigestRecipientKind Kind,
    string Id,
    string Address,
    string? Name,
    CultureInfo Culture,
    TimeZoneInfo Zone,
    DigestFrequency Frequency)
{
    /// <summary>The member's user id; null for a public subscriber, who reads as a signed-out visitor.</summary>
    public string? UserId => Kind == DigestRecipientKind.Member ? Id : null;

    public bool IsPublic => Kind == DigestRecipientKind.Public;

    public bool AllSpaces { get; init; } = true;

    public IReadOnlyList<long> SpaceIds { get; init; } = [];

    public bool IncludeFollowedThreads { get; init; } = true;
}
