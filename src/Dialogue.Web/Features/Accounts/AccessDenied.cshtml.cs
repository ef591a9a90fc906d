using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Where the sign-in cookie sends a signed-in member refused by a page's policy (the admin area, for one).</summary>
public class AccessDeniedModel : PageModel
{
    // The redirect lands here, so this is the answer the browser, a crawler or a monitor sees: a refusal, not a success.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
