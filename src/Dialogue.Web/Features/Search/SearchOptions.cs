using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// How many of the newest readable matches one results page ranks by relevance; older matches follow in
    /// windows of the same size ("Next" after the window's last page). Bounds a common word's cost whatever the corpus.
    /// </summary>
    [Range(1, 100_000)]
    public int RankedMatches { get; set; } = 200;

    /// <summary>
    /// Memory, in MiB, for the batches of matches searches read (a query's matches with their facts and words, the same
    /// for every reader), remembered until the next write so the query's next reader or next page asks nothing of them;
    /// the least recently used leave first. 0: read every time.
    /// </summary>
    [Range(0, 1024)]
    public int RememberedMegabytes { get; set; } = 8;
}
