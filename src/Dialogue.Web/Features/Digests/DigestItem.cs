using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Digests;

/// <summary>One entry of a section, with everything the most permissive surface could show; redaction removes the rest.</summary>
public sealed record DigestItem
{
    /// <summary>The thread the item comes from, if any: the outbox re-checks its label when the digest is sent.</summary>
    public long? ThreadId { get; init; }

    /// <summary>A glossary or workshop the item comes from, if any: re-checked like the thread when the digest is sent.</summary>
    public Infrastructure.Email.CarriedSubject? Subject { get; init; }

    public required SensitivityLabel Label { get; init; }

    public required string Title { get; init; }

    /// <summary>A short plain-text extract.</summary>
    public string? Excerpt { get; init; }

    /// <summary>The full plain text, where the section offers it.</summary>
    public string? Body { get; init; }

    /// <summary>Absolute link to the item (built with AppOptions.Link).</summary>
    public required string Link { get; init; }

    public ContentAuthor? Author { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>A short fact shown beside the title, such as "12 replies"; treated as content.</summary>
    public string? Detail { get; init; }
}

/// <summary>Who wrote an item; <see cref="Pseudonymous"/> in a Chatham House thread, whose authors are not named.</summary>
/// <param name="Pseudonym">In a Chatham House thread, the author's number there; <paramref name="DisplayName"/> is then empty.</param>
public sealed record ContentAuthor(string UserId, string DisplayName, bool Pseudonymous = false, int? Pseudonym = null);
