using Dialogue.Data.Accounts;

namespace Dialogue.Web.Features.Accounts;

/// <summary>The members lists' "name or email" box: part of the address or of the display name, in SQL.</summary>
public static class NameOrEmailFilter
{
    public static IQueryable<DialogueUser> MatchingNameOrEmail(this IQueryable<DialogueUser> users, string? term)
    {
        if (term?.Trim() is not { Length: > 0 } trimmed)
        {
            return users;
        }
        // Emails are stored upper-cased for lookups; names are compared lower-cased. EF translates ToLower() to SQL
        // lower(); the culture rules below are about .NET strings, not SQL.
        var upper = trimmed.ToUpperInvariant();
        var lower = trimmed.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
        return users.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
    }
}
