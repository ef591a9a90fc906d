using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

public class RegisterConfirmationModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Pending { get; set; }

    public void OnGet()
    {
    }
}
