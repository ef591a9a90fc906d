using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Signing out changes state, so only a POST (with its antiforgery token) does it; a GET shows the button.</summary>
public class SignOutModel(SignInManager<DialogueUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
