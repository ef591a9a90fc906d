using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Localization;

namespace Dialogue.Web.Infrastructure.Localization;

/// <summary>A signed-in member's language comes from their profile, ahead of the cookie and the browser.</summary>
public sealed class ProfileCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.FindFirst(DialogueClaims.UiCulture)?.Value;
        return Task.FromResult(culture is { Length: > 0 } ? new ProviderCultureResult(culture) : null);
    }
}
