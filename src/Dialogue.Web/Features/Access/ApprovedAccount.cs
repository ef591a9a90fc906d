using System.Linq.Expressions;
using Dialogue.Data.Accounts;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// The one definition of an approved viewer (<see cref="Viewer.IsApproved"/>): an Active account whose email address
/// is confirmed. Open registration makes accounts Active before their owner proves the address, so "Active" alone would
/// let an unproven address read GREEN content (and be mentioned or mailed) as soon as it held a session.
/// </summary>
public static class ApprovedAccount
{
    public static bool Is(AccountStatus status, bool emailConfirmed) => status == AccountStatus.Active && emailConfirmed;

    /// <summary>The same rule as a query, for lists of people who may receive or be shown content.</summary>
    public static Expression<Func<DialogueUser, bool>> Query => u => u.Status == AccountStatus.Active && u.EmailConfirmed;
}
