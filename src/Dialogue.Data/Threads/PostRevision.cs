namespace Dialogue.Data.Threads;

/// <summary>An earlier version of a post, saved when the post is edited.</summary>
public class PostRevision
{
    public long Id { get; set; }
    public long PostId { get; set; }
    /// <summary>1 for the original text, then 2, 3, … in the order they were replaced.</summary>
    public int Number { get; set; }
    public string Source { get; set; } = "";
    /// <summary>When this version was written (the post's creation or previous edit).</summary>
    public DateTimeOffset WrittenAt { get; set; }
    /// <summary>Who wrote this version (the author, or a moderator editing in review).</summary>
    public string? WrittenById { get; set; }
    /// <summary>When it was replaced by the next version.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}
