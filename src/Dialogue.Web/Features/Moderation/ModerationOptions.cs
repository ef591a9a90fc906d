using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Moderation;

public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>How many posts of a new member wait in the review queue before their posts appear at once. 0 turns review off.</summary>
    [Range(0, 100)]
    public int FirstPostsToReview { get; set; } = 2;

    /// <summary>Open flags from different members that hide a post until a moderator reviews it.</summary>
    [Range(1, 100)]
    public int FlagsToHide { get; set; } = 3;

    /// <summary>Posts (threads and replies) one member may write per minute; more get a clear message and keep their draft.</summary>
    [Range(1, 10_000)]
    public int PostsPerMinute { get; set; } = 5;
}
