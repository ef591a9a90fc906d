using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Admin;

/// <summary>One member's account: approve, roles, suspend, reinstate. Every action is audited.</summary>
public class MemberModel(
    DialogueDbContext db,
    UserManager<DialogueUser> users,
    MemberModel.Handler handler,
    ViewerTime viewerTime,
    IStringLocalizer<Text> text) : PageModel
{
    public DialogueUser Member { get; private set; } = null!;

    public IReadOnlyList<string> MemberRoles { get; private set; } = [];

    public bool IsSelf => Member.Id == User.UserId();

    public SuspendCommand Suspension { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(string id, string? returnUrl) =>
        ActAsync(id, returnUrl, () => handler.ApproveAsync(User.UserId()!, Member), "The account is approved and the member has been told by email.");

    public Task<IActionResult> OnPostAddRoleAsync(string id, string role, string? returnUrl) =>
        ActAsync(id, returnUrl, () => handler.AddRoleAsync(User.UserId()!, Member, role), "Role added.");

    public Task<IActionResult> OnPostRemoveRoleAsync(string id, string role, string? returnUrl) =>
        ActAsync(id, returnUrl, () => handler.RemoveRoleAsync(User.UserId()!, Member, role), "Role removed.");

    public Task<IActionResult> OnPostReinstateAsync(string id, string? returnUrl) =>
        ActAsync(id, returnUrl, () => handler.ReinstateAsync(User.UserId()!, Member), "The account is reinstated.");

    public async Task<IActionResult> OnPostSuspendAsync(string id, SuspendCommand suspension, string? returnUrl)
    {
        Suspension = suspension;
        if (!ModelState.IsValid)
        {
            return await LoadAsync(id) ? Page() : NotFound();
        }
        // The admin picks a day in their own zone; the suspension ends as that day begins there.
        DateTimeOffset? until = suspension.Until is { } day ? StartOf(day, viewerTime.Zone) : null;
        return await ActAsync(id, returnUrl, () => handler.SuspendAsync(User.UserId()!, Member, suspension.Reason.Trim(), until),
            "The account is suspended and signed out everywhere.");
    }

    private async Task<IActionResult> ActAsync(string id, string? returnUrl, Func<Task<string?>> action, string doneMessage)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (await action() is { } refusal)
        {
            // Forget whatever the refused action changed in memory, and show the account as it is stored.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", text[refusal]);
            return await LoadAsync(id) ? Page() : NotFound();
        }
        TempData["Status"] = text[doneMessage].Value;
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage(new { id });
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Where a zone's clocks jump over midnight, the day begins at the first minute that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } member)
        {
            return false;
        }
        Member = member;
        MemberRoles = [.. await users.GetRolesAsync(member)];
        return true;
    }

    public sealed class SuspendCommand
    {
        [Display(Name = "Reason")]
        [Required(ErrorMessage = "Give a reason for the suspension.")]
        [StringLength(500, ErrorMessage = "Keep the reason to 500 characters or fewer.")]
        public string Reason { get; set; } = "";

        [Display(Name = "Suspended until (optional)")]
        [DataType(DataType.Date)]
        public DateOnly? Until { get; set; }
    }

    /// <summary>
    /// The rules of each action. A method returns null when done, or the reason it refused (the English
    /// text, localised by the page). Identity's UserManager saves the whole DbContext when it updates the
    /// user, so the change, its audit entry and any email are written by one SaveChanges.
    /// </summary>
    public sealed class Handler(
        UserManager<DialogueUser> users,
        Outbox outbox,
        AdminAudit audit,
        TimeProvider clock,
        IOptions<AppOptions> app,
        IStringLocalizer<Text> text)
    {
        /// <summary>Roles an admin assigns; everyone keeps Member.</summary>
        public static readonly IReadOnlyList<string> AssignableRoles = [Roles.Admin, Roles.Moderator, Roles.Organiser, Roles.GlossaryEditor];

        public async Task<string?> ApproveAsync(string actorId, DialogueUser member)
        {
            if (member.Status != AccountStatus.PendingApproval)
            {
                return "This account is not waiting for approval.";
            }
            member.Status = AccountStatus.Active;
            member.ApprovedAt = clock.GetUtcNow();
            await outbox.AddAsync<AccountApprovedEmail>(
                new EmailRecipient(member.Email!, member.DisplayName, SupportedCultures.For(member.UiCulture)),
                "account-approved",
                () => text["Your Dialogue account is approved"],
                new Dictionary<string, object?>
                {
                    [nameof(AccountApprovedEmail.DisplayName)] = member.DisplayName,
                    [nameof(AccountApprovedEmail.SignInLink)] = app.Value.Link("/Accounts/SignIn"),
                });
            audit.Record(actorId, AuditActions.MemberApproved, member.Id);
            return Refusal(await users.UpdateAsync(member));
        }

        public async Task<string?> AddRoleAsync(string actorId, DialogueUser member, string role)
        {
            if (!AssignableRoles.Contains(role))
            {
                return "That role cannot be assigned here.";
            }
            if (await users.IsInRoleAsync(member, role))
            {
                return "The member already has that role.";
            }
            audit.Record(actorId, AuditActions.RoleAdded, member.Id, role);
            // The member's cookie picks up the new role when the security-stamp validator next refreshes it (within a minute).
            return Refusal(await users.AddToRoleAsync(member, role));
        }

        public async Task<string?> RemoveRoleAsync(string actorId, DialogueUser member, string role)
        {
            if (!AssignableRoles.Contains(role))
            {
                return "That role cannot be removed here.";
            }
            if (role == Roles.Admin && member.Id == actorId)
            {
                return "You cannot remove your own Admin role. Ask another admin to do it.";
            }
            if (!await users.IsInRoleAsync(member, role))
            {
                return "The member does not have that role.";
            }
            audit.Record(actorId, AuditActions.RoleRemoved, member.Id, role);
            return Refusal(await users.RemoveFromRoleAsync(member, role));
        }

        public async Task<string?> SuspendAsync(string actorId, DialogueUser member, string reason, DateTimeOffset? until)
        {
            if (member.Id == actorId)
            {
                return "You cannot suspend your own account.";
            }
            if (member.Status == AccountStatus.Deleted)
            {
                // Suspending would turn an erased account back into one that exists (and reinstating, into an active one).
                return "This account was deleted: there is nothing to suspend.";
            }
            if (until <= clock.GetUtcNow())
            {
                return "The end of a suspension must be in the future.";
            }
            member.Status = AccountStatus.Suspended;
            member.SuspendedUntil = until;
            member.SuspensionReason = reason;
            audit.Record(actorId, AuditActions.MemberSuspended, member.Id, reason);
            // A new security stamp makes every cookie the member holds fail its next validation.
            return Refusal(await users.UpdateSecurityStampAsync(member));
        }

        public async Task<string?> ReinstateAsync(string actorId, DialogueUser member)
        {
            if (member.Status != AccountStatus.Suspended)
            {
                return "This account is not suspended.";
            }
            member.Status = AccountStatus.Active;
            member.SuspendedUntil = null;
            member.SuspensionReason = null;
            member.ApprovedAt ??= clock.GetUtcNow();
            audit.Record(actorId, AuditActions.MemberReinstated, member.Id);
            return Refusal(await users.UpdateAsync(member));
        }

        private static string? Refusal(IdentityResult result) =>
            result.Succeeded ? null : "Someone else changed this account at the same time. Please try again.";
    }
}
