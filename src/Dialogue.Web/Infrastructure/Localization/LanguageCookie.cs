using Microsoft.AspNetCore.Localization;

namespace Dialogue.Web.Infrastructure.Localization;

/// <summary>A visitor's chosen language, kept for a year in the cookie the request localisation reads.</summary>
public static class LanguageCookie
{
    public static void Set(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}
