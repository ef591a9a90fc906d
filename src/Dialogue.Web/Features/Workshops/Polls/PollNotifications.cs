using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// Tells invitees that the organiser picked a slot: an in-app notification (the poll's id in its message, read back
/// through <see cref="PollsVisible"/> when shown) and an email through the outbox carrying only what the label's
/// email column allows (<see cref="EmailRule"/>). Each recipient is judged as themselves; runs before the caller's save.
/// </summary>
public sealed class PollNotifications(DialogueDbContext db, Outbox outbox, IStringLocalizer<Text> text, IOptions<AppOptions> app)
{
    public const string DecidedEmailKind = "workshop-poll-decided";

    public static string MessageFor(long pollId) => pollId.ToString(CultureInfo.InvariantCulture);

    public static long? PollIdOf(string? message) =>
        long.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsPollKind(NotificationKind kind) => kind is NotificationKind.WorkshopPollInvited or NotificationKind.WorkshopPollDecided;

    public async Task DecidedAsync(WorkshopPoll poll, WorkshopPollSlot slot, IReadOnlyCollection<string> inviteeIds, DateTimeOffset now, CancellationToken ct)
    {
        var viewers = await ViewerLoader.ForUsersAsync(db, inviteeIds, ct);
        var facts = new PollFacts(poll.SpaceId, poll.Label, poll.OrganiserId, inviteeIds, poll.Status);
        var recipients = viewers.Values.Where(v => AccessPolicy.CanSee(v, facts)).Select(v => v.UserId!).ToList();
        foreach (var id in recipients)
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = id,
                Kind = NotificationKind.WorkshopPollDecided,
                SpaceId = poll.SpaceId,
                ActorId = poll.OrganiserId,
                Message = MessageFor(poll.Id),
                CreatedAt = now,
            });
        }
        var level = EmailRule.LevelFor(poll.Label, await EmailRule.SiteAsync(db, ct));
        if (level == EmailDetail.Nothing || recipients.Count == 0)
        {
            // The admin sends nothing of this label by email: the in-app notification is all there is.
            return;
        }
        var people = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) || u.Id == poll.OrganiserId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.UiCulture, u.TimeZoneId })
            .ToListAsync(ct);
        var organiser = people.FirstOrDefault(p => p.Id == poll.OrganiserId)?.DisplayName ?? "";
        var named = EmailRule.NamesThread(level);
        var excerpt = level == EmailDetail.TitleAndExcerpt && poll.Description.Length > 0 ? EmailRule.Excerpt(poll.Description) : null;
        var full = level == EmailDetail.FullText && poll.Description.Length > 0 ? poll.Description : null;
        // RED: not even a link to the poll, which would name it.
        var link = poll.Label == SensitivityLabel.Red ? app.Value.Link("/Threads/Notifications") : app.Value.Link($"/Workshops/Polls/{poll.Id}");
        foreach (var recipient in people.Where(p => recipients.Contains(p.Id) && p.Email is not null))
        {
            var parameters = new Dictionary<string, object?>
            {
                [nameof(PollDecidedEmail.Level)] = level,
                [nameof(PollDecidedEmail.Label)] = poll.Label,
                [nameof(PollDecidedEmail.RecipientName)] = recipient.DisplayName,
                [nameof(PollDecidedEmail.OrganiserName)] = named ? organiser : null,
                [nameof(PollDecidedEmail.Title)] = named ? EmailRule.Title(poll.Title) : null,
                [nameof(PollDecidedEmail.Description)] = full ?? excerpt,
                [nameof(PollDecidedEmail.StartsAt)] = named ? slot.StartsAt : null,
                [nameof(PollDecidedEmail.RecipientZone)] = recipient.TimeZoneId,
                [nameof(PollDecidedEmail.OrganiserZone)] = poll.TimeZoneId,
                [nameof(PollDecidedEmail.Link)] = link,
            };
            await outbox.AddAsync<PollDecidedEmail>(
                new EmailRecipient(recipient.Email!, recipient.DisplayName, SupportedCultures.For(recipient.UiCulture)),
                DecidedEmailKind,
                () => EmailRule.Subject(poll.Label, level switch
                {
                    >= EmailDetail.TitleOnly => text["A time was chosen for “{0}”", EmailRule.Title(poll.Title)],
                    _ when poll.Label != SensitivityLabel.Red => text["A time was chosen in a restricted availability poll"],
                    _ => text["You have new activity on Dialogue"],
                }),
                parameters,
                subjects: [new CarriedSubject(CarriedSubjectKind.WorkshopPoll, poll.Id, poll.Label)]);
        }
    }
}
