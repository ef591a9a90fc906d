namespace Dialogue.Web.Features.Digests;

/// <summary>
/// A section that reads something of each recipient besides what they may read (their follows, their mentions) and
/// can tell for a whole batch, in one query that ignores access, who could possibly have an item: everyone else
/// would get nothing from it through the policy either, so a batch skips the section for them instead of asking
/// once per recipient. The candidates are still built one by one, as themselves.
/// </summary>
public interface IBatchedDigestSection : IDigestSection
{
    /// <returns>The ids of the recipients of <paramref name="windows"/> for whom the section may have items.</returns>
    Task<IReadOnlySet<string>> CandidatesAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct);
}
