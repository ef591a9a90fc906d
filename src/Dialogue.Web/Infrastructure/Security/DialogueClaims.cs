using System.Security.Claims;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>Claims the sign-in cookie carries besides Identity's own, so pages need no query to know the viewer.</summary>
public static class DialogueClaims
{
    public const string DisplayName = "dlg:name";
    public const string TimeZone = "dlg:tz";
    public const string UiCulture = "dlg:culture";
    public const string Status = "dlg:status";
    /// <summary>Whether the address is confirmed: with <see cref="Status"/>, what makes an approved viewer (Access/ApprovedAccount).</summary>
    public const string EmailConfirmed = "dlg:email-confirmed";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Active with a confirmed address, as the claims say; the same rule as Access/ApprovedAccount applies to stored accounts.</summary>
    public static bool IsApprovedAccount(this ClaimsPrincipal user) =>
        Enum.TryParse<Dialogue.Data.Accounts.AccountStatus>(user.FindFirstValue(Status), out var status)
        && Dialogue.Web.Features.Access.ApprovedAccount.Is(status, user.FindFirstValue(EmailConfirmed) == bool.TrueString);

    public static string? DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName);
}
