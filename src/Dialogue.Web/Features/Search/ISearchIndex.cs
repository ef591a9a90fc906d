using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Features.Search;

/// <summary>
/// What a reader searches for; every filter optional. <see cref="Before"/> continues with the matches older than that
/// post (the <see cref="SearchResults.OlderThan"/> of the previous window).
/// </summary>
public sealed record SearchQuery(string Text, long? SpaceId = null, string? Author = null, SensitivityLabel? Label = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, long? Before = null);

/// <summary>One post found: <see cref="SnippetHtml"/> is already HTML-encoded, with the matches in &lt;mark&gt;.</summary>
public sealed record SearchHit(long PostId, int Number, long ThreadId, string ThreadTitle, SensitivityLabel Label, string SpaceName,
    string AuthorName, DateTimeOffset CreatedAt, string SnippetHtml);

public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, bool HasMore)
{
    /// <summary>Glossary terms, a separate group on the first page (empty unless the glossary feature wraps the index).</summary>
    public IReadOnlyList<TermHit> Terms { get; init; } = [];

    /// <summary>
    /// Set on the last page of a bounded window of ranked matches when older matches exist: the next page is the
    /// query again with <see cref="SearchQuery.Before"/> = this, page 1.
    /// </summary>
    public long? OlderThan { get; init; }
}

/// <summary>
/// Full-text search over posts, provider-neutral: an implementation finds matching post ids its own way and must
/// return only posts in <c>Posts.VisibleTo(viewer)</c> — the access policy decides, never the index.
/// </summary>
public interface ISearchIndex
{
    Task<SearchResults> SearchAsync(SearchQuery query, Viewer viewer, CancellationToken ct);
}
