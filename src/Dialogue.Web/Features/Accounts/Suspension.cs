using Dialogue.Data.Accounts;

namespace Dialogue.Web.Features.Accounts;

public static class Suspension
{
    /// <summary>Suspended with no end date, or with an end date still ahead.</summary>
    public static bool IsInForce(DialogueUser user, DateTimeOffset now) =>
        user.Status == AccountStatus.Suspended && (user.SuspendedUntil is null || user.SuspendedUntil > now);

    /// <summary>A suspension whose end date has passed is over: the account is active again.</summary>
    public static bool HasLapsed(DialogueUser user, DateTimeOffset now) =>
        user.Status == AccountStatus.Suspended && user.SuspendedUntil is { } until && until <= now;
}
