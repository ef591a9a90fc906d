using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// Shapes one digest item for email by the sensitivity model's one rule (<see cref="EmailRule"/>): every property
/// the level withholds is left null. RED: a content-free notice without even a link, which would name the thread.
/// </summary>
public static class EmailRedaction
{
    /// <summary>
    /// The part of <paramref name="item"/> an email to <paramref name="recipient"/> may carry, or null for none.
    /// A public subscriber only ever gets CLEAR items, whatever a section returned.
    /// </summary>
    public static EmailEntry? ForEmail(DigestItem item, DigestRecipient recipient, DigestEmailSettings site, IAuthorDisplay authors)
    {
        if (recipient.IsPublic && item.Label != SensitivityLabel.Clear)
        {
            return null;
        }
        var level = EmailRule.LevelFor(item.Label, site);
        var author = item.Author is null ? null : authors.NameFor(item.Author, recipient);
        return level switch
        {
            EmailDetail.Nothing => null,
            // RED: not even a link, which would name the thread.
            EmailDetail.Notice => new EmailEntry(item.Label, level) { Link = item.Label == SensitivityLabel.Red ? null : item.Link },
            EmailDetail.TitleOnly => new EmailEntry(item.Label, level) { Title = EmailRule.Title(item.Title), Link = item.Link },
            EmailDetail.TitleAndExcerpt => new EmailEntry(item.Label, level)
            {
                Title = EmailRule.Title(item.Title),
                Excerpt = item.Excerpt is null ? null : EmailRule.Excerpt(item.Excerpt),
                Author = author,
                Detail = item.Detail,
                At = item.At,
                Link = item.Link,
            },
            _ => new EmailEntry(item.Label, level)
            {
                Title = EmailRule.Title(item.Title),
                Excerpt = item.Body ?? item.Excerpt,
                Author = author,
                Detail = item.Detail,
                At = item.At,
                Link = item.Link,
            },
        };
    }
}

/// <summary>What an email shows of one item; every property left null is withheld.</summary>
public sealed record EmailEntry(SensitivityLabel Label, EmailDetail Level)
{
    public string? Title { get; init; }
    public string? Excerpt { get; init; }
    public string? Author { get; init; }
    public string? Detail { get; init; }
    public DateTimeOffset? At { get; init; }
    public string? Link { get; init; }

    public bool IsNotice => Level == EmailDetail.Notice;
}
