using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;

namespace Dialogue.Web.Features.Access;

/// <summary>What the access policy needs to know about a thread (and, for posts, about the post).</summary>
public sealed record ThreadFacts(
    long SpaceId,
    SensitivityLabel Label,
    string AuthorId,
    IReadOnlyCollection<string> Participants,
    PostStatus Status = PostStatus.Approved,
    bool IsLocked = false,
    bool IsClosed = false,
    bool Embargoed = false);

public sealed record PostFacts(ThreadFacts Thread, string AuthorId, PostStatus Status = PostStatus.Approved, bool IsDeleted = false, bool Embargoed = false);

public sealed record SpaceFacts(long Id, SensitivityLabel DefaultLabel, Dialogue.Data.Spaces.SpaceJoinPolicy JoinPolicy);
