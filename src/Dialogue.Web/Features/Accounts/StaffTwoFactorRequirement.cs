using Microsoft.AspNetCore.Authorization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Part of every staff surface's authorization policy (admin and moderation pages, the jobs dashboard): when admins
/// require two-factor authentication for staff, a staff member without it is refused there, whatever the surface is
/// built with. <see cref="StaffTwoFactorFilter"/> only sends people to set it up; this is what enforces it.
/// </summary>
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement
{
    public static readonly StaffTwoFactorRequirement Instance = new();
}
