using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
