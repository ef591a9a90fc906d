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
}
