namespace Dialogue.Data.Digests;

/// <summary>How much of an item an email may carry, from nothing to the full text; higher is laxer.</summary>
public enum EmailDetail
{
    Nothing = 0,
    /// <summary>A content-free line saying there is activity.</summary>
    Notice = 1,
    TitleOnly = 2,
    TitleAndExcerpt = 3,
    FullText = 4,
}
