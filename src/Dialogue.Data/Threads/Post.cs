namespace Dialogue.Data.Threads;

public class Post
{
    public long Id { get; set; }
    public long ThreadId { get; set; }
    /// <summary>1-based position in the thread, fixed when written; page = (Number - 1) / PageSize + 1.</summary>
    public int Number { get; set; }
    public string AuthorId { get; set; } = "";
    /// <summary>The Markdown the author wrote.</summary>
    public string Source { get; set; } = "";
    /// <summary>
    /// The post's own words as plain text, from the rendered HTML without quoted posts: what search indexes
    /// and what snippets and excerpts are cut from, so words quoted from another post never escape its label.
    /// </summary>
    public string PlainText { get; set; } = "";
    /// <summary>
    /// Rendered and sanitised once, when written. Reader-dependent parts are placeholders resolved
    /// when shown: <c>&lt;span data-mention="userId"&gt;</c> and <c>&lt;blockquote data-quote="postId"&gt;</c>.
    /// </summary>
    public string Html { get; set; } = "";
    /// <summary>The renderer version that produced <see cref="Html"/>; older ones are re-rendered when shown.</summary>
    public int RendererVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    /// <summary>The first post this one quotes, if any.</summary>
    public long? QuotedPostId { get; set; }
    /// <summary>The author asked that glossary terms not be linked in this post.</summary>
    public bool GlossaryLinksOff { get; set; }

    /// <summary>Embargo of a reply: until this instant only its author and the space's moderators see it; null once released.</summary>
    public DateTimeOffset? EmbargoUntil { get; set; }

    public PostStatus Status { get; set; } = PostStatus.Approved;
    public string? RejectionReason { get; set; }
    public DateTimeOffset? StatusChangedAt { get; set; }
    public string? StatusChangedById { get; set; }

    /// <summary>Soft delete by the author: kept (for moderators) but shown to readers as deleted.</summary>
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public DiscussionThread? Thread { get; set; }
    public List<PostRevision> Revisions { get; set; } = [];
}
