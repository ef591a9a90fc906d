namespace Dialogue.Web.Features.Digests;

/// <summary>The spaces a member may pick for their digest. The threads feature provides the real list.</summary>
public interface IDigestSpaceSource
{
    Task<IReadOnlyList<DigestSpaceChoice>> SpacesForAsync(string userId, CancellationToken ct);
}

public sealed record DigestSpaceChoice(long Id, string Name);

/// <summary>Until spaces exist: nothing to choose, every digest covers all the member may read.</summary>
public sealed class NoDigestSpaces : IDigestSpaceSource
{
    public Task<IReadOnlyList<DigestSpaceChoice>> SpacesForAsync(string userId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DigestSpaceChoice>>([]);
}
