using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// What an email may carry of an item, by its label: the sensitivity model's email column
/// (CLEAR and GREEN full text, AMBER title and excerpt, AMBER+STRICT a content-free notice with a link,
/// RED a content-free notice without even a link), made stricter, never laxer, by the admin's settings.
/// </summary>
public static class EmailRedaction
{
    public const int MaxTitleLength = 200;
    public const int MaxExcerptLength = 300;

    /// <summary>The most an email may ever carry of a label: DESIGN.md's table.</summary>
    public static EmailDetail MaximumFor(SensitivityLabel label) => label switch
    {
        SensitivityLabel.Clear or SensitivityLabel.Green => EmailDetail.FullText,
        SensitivityLabel.Amber => EmailDetail.TitleAndExcerpt,
        _ => EmailDetail.Notice,
    };

    /// <summary>The level the site sends at: the admin's choice, but never above the table's maximum.</summary>
    public static EmailDetail LevelFor(SensitivityLabel label, DigestEmailSettings site)
    {
        var chosen = label switch
        {
            SensitivityLabel.Clear => site.Clear,
            SensitivityLabel.Green => site.Green,
            SensitivityLabel.Amber => site.Amber,
            SensitivityLabel.AmberStrict => site.AmberStrict,
            _ => site.Red,
        };
        return (EmailDetail)Math.Min((int)chosen, (int)MaximumFor(label));
    }

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
        var level = LevelFor(item.Label, site);
        var author = item.Author is null ? null : authors.NameFor(item.Author, recipient);
        return level switch
        {
            EmailDetail.Nothing => null,
            // RED: not even a link, which would name the thread.
            EmailDetail.Notice => new EmailEntry(item.Label, level) { Link = item.Label == SensitivityLabel.Red ? null : item.Link },
            EmailDetail.TitleOnly => new EmailEntry(item.Label, level) { Title = Cut(item.Title, MaxTitleLength), Link = item.Link },
            EmailDetail.TitleAndExcerpt => new EmailEntry(item.Label, level)
            {
                Title = Cut(item.Title, MaxTitleLength),
                Excerpt = item.Excerpt is null ? null : Cut(item.Excerpt, MaxExcerptLength),
                Author = author,
                Detail = item.Detail,
                At = item.At,
                Link = item.Link,
            },
            _ => new EmailEntry(item.Label, level)
            {
                Title = Cut(item.Title, MaxTitleLength),
                Excerpt = item.Body ?? item.Excerpt,
                Author = author,
                Detail = item.Detail,
                At = item.At,
                Link = item.Link,
            },
        };
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
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
