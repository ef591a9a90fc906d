using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

[EnableRateLimiting(RateLimitOptions.Accounts)]
public class RegisterModel(RegisterModel.Handler handler, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    /// <summary>The token of an invitation link (/Accounts/Register?invitation=...).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Invitation { get; set; }

    public Gate Access { get; private set; } = new(RegistrationMode.Open, InvitationState.None, null);

    /// <param name="lang">The language an invitation was written in: the page opens in it and keeps it (a cookie).</param>
    public async Task<IActionResult> OnGetAsync(string? lang, CancellationToken ct)
    {
        if (SupportedCultures.IsSupported(lang) && !string.Equals(lang, CultureInfo.CurrentUICulture.Name, StringComparison.OrdinalIgnoreCase))
        {
            LanguageCookie.Set(Response, SupportedCultures.For(lang).Name);
            return RedirectToPage(new { Invitation });
        }
        Access = await handler.CheckAsync(Invitation, ct);
        Data.Email = Access.InvitedEmail ?? "";
        var browserZone = Request.Cookies[ViewerTime.ZoneCookie];
        Data.TimeZone = TimeZones.TryFind(browserZone) is not null ? browserZone! : "UTC";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Access = await handler.CheckAsync(Invitation, ct);
        if (!Access.MayRegister)
        {
            return Page();
        }
        if (TimeZones.TryFind(Data.TimeZone) is null)
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.TimeZone)}",
                text["{0} is not a time zone this server knows, e.g. Europe/Berlin", Data.TimeZone ?? ""]);
        }
        if (Access.InvitedEmail is { } invited && !string.Equals(invited, Data.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError($"{nameof(Data)}.{nameof(Command.Email)}",
                text["This invitation is for {0}; register with that address.", invited]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await handler.Handle(Data, Invitation, CultureInfo.CurrentUICulture, ct);
        if (outcome.Errors.Count > 0)
        {
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
            Access = await handler.CheckAsync(Invitation, ct);
            return Page();
        }
        return outcome.Pending ? RedirectToPage("RegisterConfirmation", new { pending = true }) : RedirectToPage("RegisterConfirmation");
    }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter your name as others should see it.")]
        [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Display name")]
        [Privacy.NotReservedName]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose your time zone.")]
        [Display(Name = "Time zone")]
        public string TimeZone { get; set; } = "UTC";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Please accept the community rules to register.")]
        [Display(Name = "I will treat other participants with respect and keep what I read within the sensitivity label it carries.")]
        public bool Accept { get; set; }
    }

    public enum InvitationState
    {
        None,
        Valid,
        Invalid,
    }

    public sealed record Gate(RegistrationMode Mode, InvitationState Invitation, string? InvitedEmail)
    {
        /// <summary>A valid invitation opens registration in every mode; without one, only invitation-only mode is closed.</summary>
        public bool MayRegister => Invitation == InvitationState.Valid || (Invitation == InvitationState.None && Mode != RegistrationMode.InvitationOnly);
    }

    public sealed record Outcome(bool Pending, IReadOnlyList<string> Errors);

    public sealed class Handler(
        DialogueDbContext db,
        UserManager<DialogueUser> users,
        AccountEmails emails,
        Moderation.StaffNotifier staff,
        TimeProvider clock,
        IStringLocalizer<Text> text)
    {
        public async Task<Gate> CheckAsync(string? invitationToken, CancellationToken ct)
        {
            var mode = await db.SiteSettings.Where(s => s.Id == SiteSettings.SingletonId).Select(s => s.RegistrationMode).SingleAsync(ct);
            if (string.IsNullOrEmpty(invitationToken))
            {
                return new Gate(mode, InvitationState.None, null);
            }
            var hash = Tokens.Hash(invitationToken);
            var now = clock.GetUtcNow();
            var invitedEmail = await db.Invitations
                .Where(i => i.TokenHash == hash && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .Select(i => i.Email)
                .SingleOrDefaultAsync(ct);
            return invitedEmail is null
                ? new Gate(mode, InvitationState.Invalid, null)
                : new Gate(mode, InvitationState.Valid, invitedEmail);
        }

        /// <param name="culture">The visitor's language, for the confirmation email.</param>
        public async Task<Outcome> Handle(Command data, string? invitationToken, CultureInfo culture, CancellationToken ct)
        {
            var gate = await CheckAsync(invitationToken, ct);
            if (!gate.MayRegister)
            {
                return new Outcome(false, [text["This invitation link is not valid: it has been used, withdrawn or has expired."]]);
            }
            var invited = gate.Invitation == InvitationState.Valid;
            var pending = !invited && gate.Mode == RegistrationMode.ApprovalRequired;
            var email = data.Email.Trim();
            var now = clock.GetUtcNow();

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                // Same answer as for a new account, so the form does not reveal who has one; the owner hears of it by mail.
                if (existing.EmailConfirmed)
                {
                    await emails.QueueAlreadyRegisteredAsync(existing);
                }
                else
                {
                    await emails.QueueConfirmationAsync(existing, await users.GenerateEmailConfirmationTokenAsync(existing), culture);
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new Outcome(pending, []);
            }

            var user = new DialogueUser
            {
                UserName = email,
                Email = email,
                DisplayName = data.DisplayName.Trim(),
                TimeZoneId = data.TimeZone,
                Status = pending ? AccountStatus.PendingApproval : AccountStatus.Active,
                CreatedAt = now,
                ApprovedAt = pending ? null : now,
            };
            var created = await users.CreateAsync(user, data.Password);
            if (!created.Succeeded)
            {
                return new Outcome(pending, [.. created.Errors.Select(e => e.Description)]);
            }
            if (invited && !await ClaimInvitationAsync(invitationToken!, user.Id, now, ct))
            {
                // Someone used the link a moment ago; the rollback removes this account again.
                return new Outcome(pending, [text["This invitation link is not valid: it has been used, withdrawn or has expired."]]);
            }
            var added = await users.AddToRoleAsync(user, Roles.Member);
            if (!added.Succeeded)
            {
                return new Outcome(pending, [.. added.Errors.Select(e => e.Description)]);
            }
            await emails.QueueConfirmationAsync(user, await users.GenerateEmailConfirmationTokenAsync(user), culture);
            if (pending)
            {
                await staff.AccountAwaitingApprovalAsync(user.Id, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Outcome(pending, []);
        }

        /// <summary>
        /// Marks the invitation used in the transaction that creates the account. The update only matches an unused,
        /// valid invitation, so of two simultaneous registrations with one link exactly one succeeds, on any database.
        /// </summary>
        private async Task<bool> ClaimInvitationAsync(string token, string userId, DateTimeOffset now, CancellationToken ct)
        {
            var hash = Tokens.Hash(token);
            var claimed = await db.Invitations
                .Where(i => i.TokenHash == hash && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, (DateTimeOffset?)now).SetProperty(i => i.UsedById, userId), ct);
            return claimed == 1;
        }
    }
}
