namespace Dialogue.Web.Features.Access;

public static partial class AccessPolicy
{
    /// <summary>
    /// A member's own data (export, account deletion, sessions) is theirs alone, whatever their state — a member
    /// waiting for approval or suspended may still take their data or leave. Nobody acts on it for them, admins
    /// included: a request naming another member answers 404.
    /// </summary>
    public static bool CanManagePersonalData(Viewer viewer, string? memberId) =>
        viewer.UserId is { } self && !string.IsNullOrEmpty(memberId) && string.Equals(self, memberId, StringComparison.Ordinal);
}
