using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Infrastructure.Caching;

public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>
    /// Keep signed-out readers' pages (home, spaces, CLEAR threads, search results) in memory and serve them without running the page.
    /// Empty means on with Sqlite and off with Postgres: a change evicts the pages of the node that made it, so with
    /// several web nodes another node could serve a page until it expires. Set true for a single Postgres node.
    /// </summary>
    public bool? AnonymousPages { get; set; }

    /// <summary>The longest a cached page lives; any change to content evicts every cached page at once anyway.</summary>
    [Range(1, 3600)]
    public int AnonymousPageSeconds { get; set; } = 60;

    /// <summary>Memory the cached pages may take, in MiB; the least recently used go first.</summary>
    [Range(1, 4096)]
    public int AnonymousPageMegabytes { get; set; } = 32;

    /// <summary>
    /// Memory, in MiB, for the posts of thread pages as signed-in members read them: read once per page between this node's
    /// writes and shared by every reader, each still shown only the posts they may read. The least recently used go first.
    /// </summary>
    [Range(1, 4096)]
    public int ThreadPostsMegabytes { get; set; } = 8;
}
