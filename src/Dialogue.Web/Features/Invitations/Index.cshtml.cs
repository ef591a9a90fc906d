using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Invitations;

/// <summary>Admins and organisers invite people by email; admins see every invitation, organisers their own.</summary>
public class IndexModel(DialogueDbContext db, IndexModel.Handler handler, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public const int PageSize = 50;

    public SendCommand Invite { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Invitations { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool SeesAll => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Invite = new SendCommand { Language = CultureInfo.CurrentUICulture.Name };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostSendAsync(SendCommand invite, CancellationToken ct)
    {
        Invite = invite;
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var email = await handler.SendAsync(User.UserId()!, invite, ct);
        TempData["Status"] = text["Invitation sent to {0}.", email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        var outcome = await handler.RevokeAsync(id, User.UserId()!, SeesAll, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        TempData["Status"] = (outcome.Value ? text["Invitation revoked; its link no longer works."] : text["This invitation was already used, expired or revoked."]).Value;
        return RedirectToPage(new { p = PageNumber > 1 ? PageNumber : (int?)null });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var viewerId = User.UserId();
        var invitations = db.Invitations.AsNoTracking();
        if (!SeesAll)
        {
            invitations = invitations.Where(i => i.InvitedById == viewerId);
        }
        var rows = await (
                from invitation in invitations
                join inviter in db.Users on invitation.InvitedById equals inviter.Id
                orderby invitation.CreatedAt descending, invitation.Id descending
                select new { invitation.Id, invitation.Email, InvitedBy = inviter.DisplayName, invitation.CreatedAt, invitation.ExpiresAt, invitation.UsedAt, invitation.RevokedAt })
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(ct);
        HasNextPage = rows.Count > PageSize;
        var now = clock.GetUtcNow();
        Invitations = rows.Take(PageSize)
            .Select(r => new Row(r.Id, r.Email, r.InvitedBy, r.CreatedAt, r.ExpiresAt, InvitationStates.Of(r.UsedAt, r.RevokedAt, r.ExpiresAt, now)))
            .ToList();
    }

    public sealed record Row(long Id, string Email, string InvitedBy, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, InvitationState State);

    public sealed class SendCommand
    {
        [Display(Name = "Email address")]
        [Required(ErrorMessage = "Enter the email address to invite.")]
        [StringLength(254, ErrorMessage = "Enter an email address like name@example.org.")]
        [WellFormedEmail(ErrorMessage = "Enter an email address like name@example.org.")]
        public string Email { get; set; } = "";

        [Display(Name = "Personal note (optional)")]
        [StringLength(500, ErrorMessage = "Keep the note to 500 characters or fewer.")]
        public string? Note { get; set; }

        [Display(Name = "Language of the invitation")]
        public string? Language { get; set; } = SupportedCultures.English;
    }

    public sealed class Handler(
        DialogueDbContext db,
        Outbox outbox,
        TimeProvider clock,
        IOptions<AppOptions> app,
        IStringLocalizer<Text> text)
    {
        public static readonly TimeSpan Validity = TimeSpan.FromDays(14);

        /// <summary>Stores the invitation (its token only as a hash) and its email in one SaveChanges.</summary>
        /// <returns>The address the invitation went to.</returns>
        /// <remarks>
        /// Whether the address already has an account is deliberately not checked: the answer would tell an
        /// inviter who is a member. Registering with an address that has an account is the register page's case.
        /// </remarks>
        public async Task<string> SendAsync(string inviterId, SendCommand command, CancellationToken ct)
        {
            var email = command.Email.Trim();
            var inviterName = await db.Users.Where(u => u.Id == inviterId).Select(u => u.DisplayName).SingleAsync(ct);
            var token = Tokens.New();
            var now = clock.GetUtcNow();
            var invitation = new Invitation
            {
                TokenHash = Tokens.Hash(token),
                Email = email,
                InvitedById = inviterId,
                CreatedAt = now,
                ExpiresAt = now + Validity,
            };
            db.Invitations.Add(invitation);
            await outbox.AddAsync<InvitationEmail>(
                new EmailRecipient(email, null, SupportedCultures.For(command.Language)),
                "invitation",
                () => text["{0} invites you to Dialogue", inviterName],
                new Dictionary<string, object?>
                {
                    [nameof(InvitationEmail.InviterName)] = inviterName,
                    [nameof(InvitationEmail.Note)] = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                    [nameof(InvitationEmail.Link)] = app.Value.Link("/Accounts/Register?invitation=" + token + "&lang=" + SupportedCultures.For(command.Language).Name),
                    [nameof(InvitationEmail.ValidDays)] = (int)Validity.TotalDays,
                });
            await db.SaveChangesAsync(ct);
            return email;
        }

        /// <returns>null when the viewer may not see the invitation; false when it was no longer pending.</returns>
        public async Task<bool?> RevokeAsync(long id, string viewerId, bool seesAll, CancellationToken ct)
        {
            var visible = db.Invitations.Where(i => i.Id == id && (seesAll || i.InvitedById == viewerId));
            if (!await visible.AnyAsync(ct))
            {
                return null;
            }
            var now = clock.GetUtcNow();
            // Conditional, so a revoke racing the invitee's registration cannot undo a use.
            var revoked = await visible
                .Where(i => i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
            return revoked == 1;
        }
    }
}
