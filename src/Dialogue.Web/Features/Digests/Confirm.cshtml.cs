using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Digests;

/// <summary>
/// The double opt-in link. Opening it only shows a button: mail scanners open links, and a subscription must be
/// confirmed by a person.
/// </summary>
public class ConfirmModel(PublicSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public ConfirmResult Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await subscriptions.CheckAsync(Token, ct);
        SetStatusCode();
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        Result = await subscriptions.ConfirmAsync(Token, ct);
        SetStatusCode();
    }

    private void SetStatusCode()
    {
        if (Result == ConfirmResult.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
