using Dialogue.Data.Sensitivity;
using Dialogue.Web.Infrastructure.Email;

namespace Dialogue.Web.Features.Digests;

/// <summary>A digest as an email may show it: every entry already redacted for its label.</summary>
public sealed record DigestView
{
    public required DigestRecipient Recipient { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset Until { get; init; }

    public required IReadOnlyList<DigestViewSection> Sections { get; init; }

    /// <summary>The recipient has activity in a RED thread; the email says so in one content-free line.</summary>
    public bool RedActivity { get; init; }

    /// <summary>The labelled threads the email draws on, for the outbox to re-check their labels at send time.</summary>
    public IReadOnlyList<CarriedThread> Threads { get; init; } = [];

    /// <summary>The labelled glossaries and workshops the email draws on, re-checked like <see cref="Threads"/>.</summary>
    public IReadOnlyList<CarriedSubject> Subjects { get; init; } = [];

    /// <summary>The strictest label of anything the email refers to, for the subject line.</summary>
    public SensitivityLabel HighestLabel => Sections.SelectMany(s => s.Entries).Select(e => e.Label)
        .Append(RedActivity ? SensitivityLabel.Red : SensitivityLabel.Clear)
        .Max();

    public bool IsEmpty => Sections.Count == 0 && !RedActivity;
}

public sealed record DigestViewSection(string Title, IReadOnlyList<EmailEntry> Entries);

/// <summary>The links around a digest's content; null ones are left out.</summary>
public sealed record DigestLinks
{
    public required string Home { get; init; }

    public required string SignIn { get; init; }

    public string? Unsubscribe { get; init; }

    /// <summary>The signed token inside <see cref="Unsubscribe"/>, for the List-Unsubscribe mailto.</summary>
    public string? UnsubscribeToken { get; init; }

    public string? ManagePreferences { get; init; }

    public string? ViewInBrowser { get; init; }
}
