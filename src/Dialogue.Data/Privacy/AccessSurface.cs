namespace Dialogue.Data.Privacy;

/// <summary>Where a sensitive thread or post was read; stored by name, so new surfaces can be added anywhere.</summary>
public enum AccessSurface
{
    /// <summary>The thread page.</summary>
    Page,
    /// <summary>A post's permanent link.</summary>
    Permalink,
    /// <summary>A post's revision history.</summary>
    History,
    /// <summary>A post opened to be quoted in a reply.</summary>
    Quote,
    /// <summary>A post opened from a search result.</summary>
    SearchHit,
    /// <summary>An admin's digest preview that carried the thread.</summary>
    DigestPreview,
    /// <summary>A moderator revealed who is who in a Chatham House thread.</summary>
    Reveal,
    /// <summary>Content left the platform in an export.</summary>
    Export,
}
