using Dialogue.Data.Digests;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// RFC 8058 one-click unsubscribe. A POST to the link (the mail client's one click, or the button on this page)
/// unsubscribes at once, without sign-in. The signed token in the link is the authority, so this page alone is
/// exempt from antiforgery: a mail client has no antiforgery token to send. A GET never unsubscribes (mail scanners
/// follow links); it shows the button. The undo button is an ordinary form on the page a person sees afterwards,
/// so its handler checks the antiforgery token itself.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(Unsubscriptions unsubscriptions, UnsubscribeTokens tokens, IAntiforgery antiforgery) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>What the undo button restores: the member's frequency before they unsubscribed.</summary>
    [BindProperty]
    public DigestFrequency Previous { get; set; } = DigestFrequency.Daily;

    public UnsubscribeResult Result { get; private set; }

    /// <summary>A member's link: the page offers their digest settings (a public subscriber has none).</summary>
    public bool ForMember => tokens.Read(Token)?.Kind == DigestRecipientKind.Member;

    /// <summary>A public subscriber's link: the page also leads to the data held about the address (Privacy/PersonalDataSubscriber).</summary>
    public bool ForPublicSubscriber => tokens.Read(Token)?.Kind == DigestRecipientKind.Public;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await unsubscriptions.CheckAsync(Token, ct);
        SetStatusCode();
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var outcome = await unsubscriptions.UnsubscribeAsync(Token, ct);
        Result = outcome.Result;
        Previous = outcome.Previous;
        SetStatusCode();
    }

    public async Task<IActionResult> OnPostUndoAsync(CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }
        Result = await unsubscriptions.ResubscribeAsync(Token, Previous, ct);
        SetStatusCode();
        return Page();
    }

    private void SetStatusCode()
    {
        if (Result == UnsubscribeResult.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
