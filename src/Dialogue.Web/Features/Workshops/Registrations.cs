using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Every change to a workshop's registrations, each in one transaction whose first write bumps the workshop's
/// <see cref="Workshop.RegistrationVersion"/>: that takes the workshop's row lock on PostgreSQL (the database's write
/// lock on SQLite), so changes to one workshop take turns and each counts places only after the previous committed.
/// Hence no place is given twice and the capacity is never exceeded, whatever cancels at the same time.
/// The callers have checked the access policy.
/// </summary>
public sealed class Registrations(DialogueDbContext db, Outbox outbox, TimeProvider clock, IOptions<AppOptions> app, IStringLocalizer<Text> text)
{
    public const string PlaceOfferedEmailKind = "workshop-place";

    /// <summary>The member asks for a place; returns the status they got.</summary>
    public Task<WorkshopRegistrationStatus> RegisterAsync(long workshopId, string userId, CancellationToken ct) =>
        InTurnAsync(workshopId, async (workshop, now) =>
        {
            var row = await db.WorkshopRegistrations.SingleOrDefaultAsync(r => r.WorkshopId == workshopId && r.UserId == userId, ct);
            if (row is { Status: WorkshopRegistrationStatus.Registered or WorkshopRegistrationStatus.Waiting or WorkshopRegistrationStatus.PendingApproval })
            {
                return row.Status;
            }
            var invited = row is { InvitedAt: not null };
            if (workshop.RegistrationMode == WorkshopRegistrationMode.InvitationOnly && !invited)
            {
                throw new InvalidOperationException("Only invitees register for an invitation-only workshop.");
            }
            if (row is null)
            {
                row = new WorkshopRegistration { WorkshopId = workshopId, UserId = userId, CreatedAt = now };
                db.WorkshopRegistrations.Add(row);
            }
            var status = workshop.RegistrationMode == WorkshopRegistrationMode.Approval && !invited
                ? WorkshopRegistrationStatus.PendingApproval
                : await HasFreePlaceAsync(workshop, ct) ? WorkshopRegistrationStatus.Registered : WorkshopRegistrationStatus.Waiting;
            Set(row, status, now, decidedBy: null);
            return status;
        }, ct);

    /// <summary>The member gives up their place, waiting-list position or request; the next waiting member gets a freed place.</summary>
    public Task CancelAsync(long workshopId, string userId, CancellationToken ct) =>
        InTurnAsync(workshopId, async (workshop, now) =>
        {
            var row = await db.WorkshopRegistrations.SingleOrDefaultAsync(r => r.WorkshopId == workshopId && r.UserId == userId, ct);
            if (row is null || row.Status == WorkshopRegistrationStatus.Cancelled)
            {
                return 0;
            }
            Set(row, WorkshopRegistrationStatus.Cancelled, now, decidedBy: null);
            await db.SaveChangesAsync(ct);
            await PromoteAsync(workshop, now, ct);
            return 0;
        }, ct);

    /// <summary>An organiser accepts a request: a place if one is free, else the waiting list.</summary>
    public Task ApproveAsync(long workshopId, long registrationId, string organiserId, CancellationToken ct) =>
        InTurnAsync(workshopId, async (workshop, now) =>
        {
            var row = await db.WorkshopRegistrations.SingleOrDefaultAsync(r => r.Id == registrationId && r.WorkshopId == workshopId, ct);
            if (row?.Status != WorkshopRegistrationStatus.PendingApproval)
            {
                return 0;
            }
            Set(row, await HasFreePlaceAsync(workshop, ct) ? WorkshopRegistrationStatus.Registered : WorkshopRegistrationStatus.Waiting, now, organiserId);
            return 0;
        }, ct);

    /// <summary>An organiser declines a request or withdraws a registration; a freed place goes to the waiting list.</summary>
    public Task DeclineAsync(long workshopId, long registrationId, string organiserId, CancellationToken ct) =>
        InTurnAsync(workshopId, async (workshop, now) =>
        {
            var row = await db.WorkshopRegistrations.SingleOrDefaultAsync(r => r.Id == registrationId && r.WorkshopId == workshopId, ct);
            if (row is null || row.Status == WorkshopRegistrationStatus.Cancelled)
            {
                return 0;
            }
            Set(row, WorkshopRegistrationStatus.Cancelled, now, organiserId);
            await db.SaveChangesAsync(ct);
            await PromoteAsync(workshop, now, ct);
            return 0;
        }, ct);

    /// <summary>
    /// An organiser invites members (who may then take a place); a RED workshop's invitees become participants of its
    /// discussion thread too, since they are the workshop's readers.
    /// </summary>
    public Task InviteAsync(long workshopId, IReadOnlyCollection<string> userIds, string organiserId, CancellationToken ct) =>
        InTurnAsync(workshopId, async (workshop, now) =>
        {
            var rows = await db.WorkshopRegistrations.Where(r => r.WorkshopId == workshopId && userIds.Contains(r.UserId)).ToListAsync(ct);
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
            {
                var row = rows.FirstOrDefault(r => r.UserId == userId);
                if (row is null)
                {
                    row = new WorkshopRegistration { WorkshopId = workshopId, UserId = userId, CreatedAt = now };
                    db.WorkshopRegistrations.Add(row);
                }
                row.InvitedAt ??= now;
                if (row.Status is WorkshopRegistrationStatus.Cancelled or WorkshopRegistrationStatus.PendingApproval || row.Id == 0)
                {
                    Set(row, WorkshopRegistrationStatus.Invited, now, organiserId);
                }
            }
            if (workshop.Label == SensitivityLabel.Red && workshop.ThreadId is { } threadId)
            {
                var present = await db.ThreadParticipants.Where(p => p.ThreadId == threadId && userIds.Contains(p.UserId)).Select(p => p.UserId).ToListAsync(ct);
                db.ThreadParticipants.AddRange(userIds.Except(present).Distinct().Select(u => new ThreadParticipant { ThreadId = threadId, UserId = u, AddedAt = now, AddedById = organiserId }));
            }
            return 0;
        }, ct);

    /// <summary>
    /// Gives free places to the head of the waiting list, in order, and emails each promoted member. Call it only inside
    /// <see cref="InTurnAsync{T}"/> (the workshop editor does, after raising the capacity).
    /// </summary>
    public async Task PromoteAsync(Workshop workshop, DateTimeOffset now, CancellationToken ct)
    {
        if (workshop.CancelledAt is not null || workshop.EndsAt <= now)
        {
            return;
        }
        var registered = await db.WorkshopRegistrations.CountAsync(r => r.WorkshopId == workshop.Id && r.Status == WorkshopRegistrationStatus.Registered, ct);
        var free = workshop.Capacity is { } capacity ? capacity - registered : int.MaxValue;
        if (free <= 0)
        {
            return;
        }
        var next = await db.WorkshopRegistrations
            .Where(r => r.WorkshopId == workshop.Id && r.Status == WorkshopRegistrationStatus.Waiting)
            .OrderBy(r => r.WaitingSince).ThenBy(r => r.Id)
            .Take(free)
            .ToListAsync(ct);
        foreach (var row in next)
        {
            Set(row, WorkshopRegistrationStatus.Registered, now, decidedBy: null);
            row.PromotedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await EmailPlaceOfferedAsync(workshop, [.. next.Select(r => r.UserId)], ct);
    }

    /// <summary>Runs a registration change in its turn (see the class summary) and saves it.</summary>
    public async Task<T> InTurnAsync<T>(long workshopId, Func<Workshop, DateTimeOffset, Task<T>> change, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var outer = db.Database.CurrentTransaction;
            await using var transaction = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await db.Workshops.Where(w => w.Id == workshopId)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.RegistrationVersion, w => w.RegistrationVersion + 1), ct);
            var workshop = await db.Workshops.SingleAsync(w => w.Id == workshopId, ct);
            await db.Entry(workshop).ReloadAsync(ct);
            var result = await change(workshop, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
            return result;
        });
    }

    private async Task<bool> HasFreePlaceAsync(Workshop workshop, CancellationToken ct) =>
        workshop.Capacity is not { } capacity
        || await db.WorkshopRegistrations.CountAsync(r => r.WorkshopId == workshop.Id && r.Status == WorkshopRegistrationStatus.Registered, ct) < capacity;

    private static void Set(WorkshopRegistration row, WorkshopRegistrationStatus status, DateTimeOffset now, string? decidedBy)
    {
        if (status == WorkshopRegistrationStatus.Waiting && row.Status != WorkshopRegistrationStatus.Waiting)
        {
            row.WaitingSince = now;
        }
        row.Status = status;
        row.StatusChangedAt = now;
        if (decidedBy is not null)
        {
            row.DecidedById = decidedBy;
        }
    }

    /// <summary>The promoted members learn of their place by the label's email rule (Access/EmailRule), like a mention.</summary>
    private async Task EmailPlaceOfferedAsync(Workshop workshop, IReadOnlyList<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }
        var level = EmailRule.LevelFor(workshop.Label, await EmailRule.SiteAsync(db, ct));
        if (level == EmailDetail.Nothing)
        {
            return;
        }
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new { u.Email, u.DisplayName, u.UiCulture, u.TimeZoneId }).ToListAsync(ct);
        // RED: not even a link, which would name the workshop.
        var link = app.Value.Link(workshop.Label == SensitivityLabel.Red ? "/Workshops" : $"/Workshops/{workshop.Id}");
        foreach (var person in people)
        {
            var culture = SupportedCultures.For(person.UiCulture);
            var zone = WorkshopTime.Zone(person.TimeZoneId) ?? NodaTime.DateTimeZone.Utc;
            var parameters = new Dictionary<string, object?>
            {
                [nameof(PlaceOfferedEmail.Level)] = level,
                [nameof(PlaceOfferedEmail.Label)] = workshop.Label,
                [nameof(PlaceOfferedEmail.RecipientName)] = person.DisplayName,
                [nameof(PlaceOfferedEmail.Title)] = EmailRule.NamesThread(level) ? EmailRule.Title(workshop.Title) : null,
                [nameof(PlaceOfferedEmail.Start)] = level >= EmailDetail.TitleAndExcerpt ? WorkshopTime.InZone(workshop.StartsAt, zone) : null,
                [nameof(PlaceOfferedEmail.Link)] = link,
            };
            await outbox.AddAsync<PlaceOfferedEmail>(
                new EmailRecipient(person.Email!, person.DisplayName, culture),
                PlaceOfferedEmailKind,
                () => EmailRule.Subject(workshop.Label, EmailRule.NamesThread(level)
                    ? text["You have a place at “{0}”", EmailRule.Title(workshop.Title)]
                    : workshop.Label == SensitivityLabel.Red ? text["You have new activity on Dialogue"] : text["A place freed up in a restricted workshop"]),
                parameters,
                threads: workshop.ThreadId is { } threadId ? [new CarriedThread(threadId, workshop.Label)] : null,
                subjects: [new CarriedSubject(CarriedSubjectKind.Workshop, workshop.Id, workshop.Label)]);
        }
    }
}
