namespace Dialogue.Web.Features.Digests;

/// <summary>
/// One part of a digest ("New threads", "Upcoming workshops"), contributed by a feature and registered in DI
/// with <c>services.AddScoped&lt;IDigestSection, MySection&gt;()</c>; the digest job gathers every registered section.
/// A section builds its items as the recipient, through the one access policy, and returns every item with its
/// label: what an email may carry of each is decided afterwards by <see cref="EmailRedaction"/>, never by the section.
/// </summary>
public interface IDigestSection
{
    /// <summary>Position in the digest, lowest first.</summary>
    int Order { get; }

    /// <summary>The section heading, in the current UI culture (the job sets it to the recipient's language).</summary>
    string Title { get; }

    /// <summary>Items that became relevant to the recipient in [<paramref name="since"/>, <paramref name="until"/>); null or no items when there is nothing.</summary>
    Task<DigestSectionContent?> BuildAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct);
}

public sealed record DigestSectionContent(IReadOnlyList<DigestItem> Items);
