namespace Dialogue.Web.Features.Digests;

/// <summary>The spaces a member may pick for their digest. The threads feature provides the real list.</summary>
public interface IDigestSpaceSource
{
    Task<IReadOnlyList<DigestSpaceChoice>> SpacesForAsync(string userId, CancellationToken ct);
}

public sealed record DigestSpaceChoice(long Id, string Name);
