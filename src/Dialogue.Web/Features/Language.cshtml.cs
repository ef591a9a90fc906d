using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features;

/// <summary>The footer's language switcher: a cookie for visitors (GET), the profile for members (POST).</summary>
public class LanguageModel(UserManager<DialogueUser> users, SignInManager<DialogueUser> signIn) : PageModel
{
    /// <summary>
    /// A visitor's switch: only the language cookie, nothing stored, so it can be a GET and the pages that link
    /// here need no antiforgery token. A signed-in member's GET changes nothing but the cookie; the profile changes by POST.
    /// </summary>
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (culture is null)
        {
            return NotFound();
        }
        if (!SupportedCultures.IsSupported(culture))
        {
            return BadRequest();
        }
        LanguageCookie.Set(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!SupportedCultures.IsSupported(culture))
        {
            return BadRequest();
        }
        LanguageCookie.Set(Response, culture);
        if (await users.GetUserAsync(User) is { } user)
        {
            user.UiCulture = culture;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
