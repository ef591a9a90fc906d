using System.Security.Claims;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>Claims the sign-in cookie carries besides Identity's own, so pages need no query to know the viewer.</summary>
public static class DialogueClaims
{
    public const string DisplayName = "dlg:name";
    public const string TimeZone = "dlg:tz";
    public const string UiCulture = "dlg:culture";
    public const string Status = "dlg:status";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string? DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName);
}
