using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features;

/// <summary>The footer's language switcher: a cookie for visitors, the profile for members.</summary>
public class LanguageModel(UserManager<DialogueUser> users, SignInManager<DialogueUser> signIn) : PageModel
{
    public IActionResult OnGet() => NotFound();

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
