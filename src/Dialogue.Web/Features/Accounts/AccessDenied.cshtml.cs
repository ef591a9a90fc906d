using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

public class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
