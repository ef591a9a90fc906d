using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Shows freshly generated recovery codes once: they travel in TempData, which is read and gone.</summary>
public class RecoveryCodesModel : PageModel
{
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[TwoFactorModel.RecoveryCodesKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("TwoFactor");
        }
        Codes = codes;
        return Page();
    }
}
