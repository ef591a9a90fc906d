namespace Dialogue.Data.Digests;

/// <summary>
/// The admin's site-wide email column, one level per label; a single row with Id 1. The levels can only make
/// the sensitivity model's table stricter: the Digests feature clamps every value to the table's maximum.
/// </summary>
public class DigestEmailSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public EmailDetail Clear { get; set; } = EmailDetail.FullText;
    public EmailDetail Green { get; set; } = EmailDetail.FullText;
    public EmailDetail Amber { get; set; } = EmailDetail.TitleAndExcerpt;
    public EmailDetail AmberStrict { get; set; } = EmailDetail.Notice;
    public EmailDetail Red { get; set; } = EmailDetail.Notice;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
}
