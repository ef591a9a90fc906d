using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// The sensitivity model's email column, the one rule every outgoing message about labelled content follows
/// (mention, rejection and digest emails, and the send-time redaction of queued ones): CLEAR and GREEN full text,
/// AMBER title and excerpt, AMBER+STRICT and RED a content-free notice, made stricter, never laxer, by the admin's
/// site-wide column (<see cref="DigestEmailSettings"/>).
/// </summary>
public static class EmailRule
{
    public const int MaxTitleLength = 200;
    public const int ExcerptLength = 300;

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

    /// <summary>The admin's column as saved, or the model's defaults before an admin saved one.</summary>
    public static async Task<DigestEmailSettings> SiteAsync(DialogueDbContext db, CancellationToken ct) =>
        await db.DigestEmailSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == DigestEmailSettings.SingletonId, ct)
        ?? new DigestEmailSettings();

    /// <summary>Whether a message at this level may name the thread (its title, or a link to it).</summary>
    public static bool NamesThread(EmailDetail level) => level >= EmailDetail.TitleOnly;

    /// <summary>Every email about labelled content carries its label first in the subject, as TLP asks.</summary>
    public static string Subject(SensitivityLabel label, string subject) => $"[{LabelTagHelper.Name(label)}] {subject}";

    public static string Title(string title) => Cut(title, MaxTitleLength);

    /// <summary>A short plain-text extract, whitespace flattened, at most <see cref="ExcerptLength"/> characters.</summary>
    public static string Excerpt(string text) =>
        Cut(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), ExcerptLength);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
