using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Web.Features.Digests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// A public digest subscriber (no account) sees, downloads and deletes what is held about their address. The signed
/// unsubscribe link from any digest is the authority, as for unsubscribing: it names the subscriber and the exact
/// address, so it cannot be forged or pointed at someone else.
/// </summary>
public class PersonalDataSubscriberModel(UnsubscribeTokens tokens, DialogueDbContext db, PersonalDataExport export, PersonalDataErasure erasure, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Address { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public bool Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await SubscriberAsync(ct) is { } subscriber ? Show(subscriber) : NotFound();

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (await SubscriberAsync(ct) is not { } subscriber || await export.PublicSubscriberAsync(subscriber.Id, ct) is not { } json)
        {
            return NotFound();
        }
        var date = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(json, "application/json", $"dialogue-subscription-data-{date}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await SubscriberAsync(ct) is not { } subscriber || !await erasure.ErasePublicSubscriberAsync(subscriber.Id, subscriber.Email, ct))
        {
            return NotFound();
        }
        Deleted = true;
        return Page();
    }

    private PageResult Show(PublicSubscriber subscriber)
    {
        Address = subscriber.Email;
        ConfirmedAt = subscriber.ConfirmedAt;
        return Page();
    }

    /// <summary>The subscriber the token names, if it still exists at the address the token was made for; else null (404).</summary>
    private async Task<PublicSubscriber?> SubscriberAsync(CancellationToken ct)
    {
        if (tokens.Read(Token) is not { Kind: DigestRecipientKind.Public } target
            || !long.TryParse(target.RecipientId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        return await db.PublicSubscribers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Email == target.Address, ct);
    }
}
