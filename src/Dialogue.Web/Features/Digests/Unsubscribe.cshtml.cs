using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// RFC 8058 one-click unsubscribe. A POST to the link (the mail client's one click, or the button on this page)
/// unsubscribes at once, without sign-in. The signed token in the link is the authority, so this page alone is
/// exempt from antiforgery: a mail client has no antiforgery token to send. A GET never unsubscribes (mail scanners
/// follow links); it shows the button.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(Unsubscriptions unsubscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public UnsubscribeResult Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await unsubscriptions.CheckAsync(Token, ct);
        SetStatusCode();
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Result = await unsubscriptions.UnsubscribeAsync(Token, ct);
        SetStatusCode();
    }

    private void SetStatusCode()
    {
        if (Result == UnsubscribeResult.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
