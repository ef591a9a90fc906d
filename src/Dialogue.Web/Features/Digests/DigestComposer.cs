using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Digests;

/// <summary>Gathers every registered section for a recipient and window, and redacts each item for email.</summary>
public sealed class DigestComposer(IEnumerable<IDigestSection> sections, IAuthorDisplay authors, DialogueDbContext db)
{
    public async Task<DigestView> ComposeAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var site = await db.DigestEmailSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == DigestEmailSettings.SingletonId, ct)
            ?? new DigestEmailSettings();
        using var language = CultureScope.Use(recipient.Culture);
        var built = new List<DigestViewSection>();
        var redActivity = false;
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            var content = await section.BuildAsync(recipient, since, until, ct);
            if (content is null)
            {
                continue;
            }
            var entries = new List<EmailEntry>();
            foreach (var item in content.Items)
            {
                if (EmailRedaction.ForEmail(item, recipient, site, authors) is not { } entry)
                {
                    continue;
                }
                if (entry is { Label: SensitivityLabel.Red, IsNotice: true })
                {
                    // However many RED items there are, the email says so once, without naming any.
                    redActivity = true;
                    continue;
                }
                entries.Add(entry);
            }
            if (entries.Count > 0)
            {
                built.Add(new DigestViewSection(section.Title, entries));
            }
        }
        return new DigestView { Recipient = recipient, Since = since, Until = until, Sections = built, RedActivity = redActivity };
    }
}
