using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features;

/// <summary>
/// Re-executed for every failed request, whatever its method (TRACE, PUT, a form post), so the page has no handler
/// to rely on: what it shows is read from the response and the request when it renders.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    /// <summary>The failed request's status; the <c>code</c> query only matters for a direct visit, which answers 200.</summary>
    public int Code => Response.StatusCode >= 400 ? Response.StatusCode
        : int.TryParse(Request.Query["code"], out var code) ? code : 500;

    /// <summary>Where a signed-out visitor who met a 404 comes back to after signing in: the address they asked for.</summary>
    public string? ReturnUrl => HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original
        ? original.OriginalPath + original.OriginalQueryString
        : null;

    public bool SignedIn => User.Identity?.IsAuthenticated == true;
}
