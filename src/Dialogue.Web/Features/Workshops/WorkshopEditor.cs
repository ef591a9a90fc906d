using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// Checks and writes a workshop from its form: every rule is a message on its field, and nothing is written unless all
/// hold. A new workshop and its discussion thread are written in one transaction.
/// </summary>
public sealed class WorkshopEditor(
    DialogueDbContext db, MarkdownRenderer markdown, Posting posting, Registrations registrations, WorkshopMail mail, TimeProvider clock,
    IStringLocalizer<Text> text)
{
    /// <summary>The form, checked and resolved to instants in the organiser's zone.</summary>
    public sealed record Checked(
        WorkshopForm Form, SensitivityLabel Label, DateTimeZone Zone, LocalDateTime LocalStart, LocalDateTime LocalEnd,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Adjusted);

    /// <summary>Adds a message per field that breaks a rule; returns the resolved form when none does.</summary>
    public Checked? Check(WorkshopForm form, SensitivityLabel spaceLabel, SensitivityLabel? fixedLabel, ModelStateDictionary errors)
    {
        var label = fixedLabel ?? form.Label ?? spaceLabel;
        if (fixedLabel is null && !AccessPolicy.IsAllowedLabel(label, spaceLabel))
        {
            errors.AddModelError("Data.Label", text["A workshop cannot be laxer than its space ({0}).", LabelTagHelper.Name(spaceLabel)]);
        }
        if (!AccessPolicy.IsAllowedWorkshopMode(label, form.Mode))
        {
            errors.AddModelError("Data.Mode", text["A TLP:RED workshop is by invitation only: its participants are the members you invite."]);
        }
        var zone = WorkshopTime.Zone(form.TimeZone);
        if (zone is null && !string.IsNullOrWhiteSpace(form.TimeZone))
        {
            errors.AddModelError("Data.TimeZone", text["“{0}” is not a time zone we know. Choose one from the list, such as Asia/Shanghai.", form.TimeZone]);
        }
        var start = WorkshopTime.ParseInput(form.Start);
        if (start is null && !string.IsNullOrWhiteSpace(form.Start))
        {
            errors.AddModelError("Data.Start", text["Enter the start as a date and time, such as 2026-03-10T09:00."]);
        }
        var end = WorkshopTime.ParseInput(form.End);
        if (end is null && !string.IsNullOrWhiteSpace(form.End))
        {
            errors.AddModelError("Data.End", text["Enter the end as a date and time, such as 2026-03-10T12:00."]);
        }
        if (!string.IsNullOrWhiteSpace(form.OnlineLink) && !WorkshopLinks.IsWebLink(form.OnlineLink))
        {
            errors.AddModelError("Data.OnlineLink", text["Enter a full web address starting with https:// or http://."]);
        }
        if (zone is null || start is null || end is null)
        {
            return null;
        }
        var (startsAt, endsAt) = (WorkshopTime.ToInstant(start.Value, zone), WorkshopTime.ToInstant(end.Value, zone));
        if (endsAt <= startsAt)
        {
            errors.AddModelError("Data.End", text["The end must be after the start."]);
        }
        else if (endsAt - startsAt > TimeSpan.FromDays(14))
        {
            errors.AddModelError("Data.End", text["A workshop can last at most 14 days."]);
        }
        string? adjusted = null;
        foreach (var local in new[] { start.Value, end.Value })
        {
            if (WorkshopTime.IsAmbiguousOrSkipped(local, zone))
            {
                var resolved = WorkshopTime.Resolve(local, zone);
                adjusted = zone.MapLocal(local).Count == 0
                    ? text["{0} does not exist in {1} (the clocks go forward); it was moved to {2}.", WorkshopTime.FormatInput(local), zone.Id, WorkshopTime.FormatInput(resolved.LocalDateTime)]
                    : text["{0} happens twice in {1} (the clocks go back); the earlier one, at UTC{2}, was taken.", WorkshopTime.FormatInput(local), zone.Id, resolved.Offset.ToString()];
            }
        }
        return errors.IsValid ? new Checked(form, label, zone, start.Value, end.Value, startsAt, endsAt, adjusted) : null;
    }

    /// <param name="alongside">More to write in the same transaction once the workshop and its thread exist (a series' other occurrences).</param>
    public async Task<Workshop> CreateAsync(long spaceId, Checked input, Viewer organiser, CancellationToken ct, Func<Workshop, Task>? alongside = null)
    {
        var now = clock.GetUtcNow();
        var form = input.Form;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var workshop = new Workshop
        {
            SpaceId = spaceId,
            CreatedById = organiser.UserId!,
            CreatedAt = now,
            Organisers = [new WorkshopOrganiser { UserId = organiser.UserId!, AddedAt = now }],
        };
        Apply(workshop, input, now);
        workshop.Label = input.Label;
        db.Workshops.Add(workshop);
        await db.SaveChangesAsync(ct);

        // The discussion opens with the description and a way back to the workshop. Written as trusted: scheduling a
        // workshop is an organiser's or a moderator's act, not a new member's first post.
        var body = (form.Description ?? "").Trim() + $"\n\n[{text["The workshop’s page"]}](/Workshops/{workshop.Id})";
        var thread = await posting.StartThreadAsync(
            new Posting.NewThread(spaceId, form.Title.Trim(), input.Label, [], body, []), organiser, ct, trusted: true);
        workshop.ThreadId = thread.Id;
        await db.SaveChangesAsync(ct);
        if (alongside is not null)
        {
            await alongside(workshop);
        }
        await transaction.CommitAsync(ct);
        return workshop;
    }

    /// <summary>
    /// Saves an edit in the registrations' turn, so the capacity is checked against the registrations as they are; a raised
    /// capacity gives its new places to the waiting list at once. Returns false (with a message on the field) when the
    /// capacity is below the places taken or a session would fall outside the new times.
    /// </summary>
    public Task<bool> UpdateAsync(long workshopId, Checked input, ModelStateDictionary errors, CancellationToken ct) =>
        registrations.InTurnAsync(workshopId, async (workshop, now) =>
        {
            var taken = await db.WorkshopRegistrations.CountAsync(r => r.WorkshopId == workshopId && r.Status == WorkshopRegistrationStatus.Registered, ct);
            if (input.Form.Capacity is { } capacity && capacity < taken)
            {
                errors.AddModelError("Data.Capacity", text["{0} people are registered already; the capacity cannot be lower. Cancel registrations first.", taken]);
            }
            var outside = await db.WorkshopSessions.CountAsync(s => s.WorkshopId == workshopId && (s.StartsAt < input.StartsAt || s.EndsAt > input.EndsAt), ct);
            if (outside > 0)
            {
                errors.AddModelError("Data.Start", text["{0} agenda sessions would fall outside these times. Move them first.", outside]);
            }
            if (!errors.IsValid)
            {
                return false;
            }
            var moved = workshop.StartsAt != input.StartsAt || workshop.EndsAt != input.EndsAt;
            Apply(workshop, input, now);
            workshop.Sequence++;
            await db.SaveChangesAsync(ct);
            await registrations.PromoteAsync(workshop, now, ct);
            if (moved)
            {
                // In the same transaction as the new time: the notice exists exactly when the change does.
                await mail.WithdrawQueuedRemindersAsync(workshopId, "the workshop has a new time", forgetLedger: true, ct);
                await mail.NotifyAsync(workshopId, WorkshopMailKind.Rescheduled, [WorkshopRegistrationStatus.Registered], ct);
            }
            return true;
        }, ct);

    public Task CancelAsync(long workshopId, string organiserId, CancellationToken ct) =>
        registrations.InTurnAsync(workshopId, async (workshop, now) =>
        {
            if (workshop.CancelledAt is not null)
            {
                return 0;
            }
            workshop.CancelledAt = now;
            workshop.CancelledById = organiserId;
            workshop.UpdatedAt = now;
            workshop.Sequence++;
            await db.SaveChangesAsync(ct);
            await mail.WithdrawQueuedRemindersAsync(workshopId, "the workshop was cancelled", forgetLedger: false, ct);
            return await mail.NotifyAsync(workshopId, WorkshopMailKind.Cancelled,
                [WorkshopRegistrationStatus.Registered, WorkshopRegistrationStatus.Waiting], ct);
        }, ct);

    /// <summary>
    /// Saves the minutes; their first publication is announced to the registrants by the label's email rule, in the same
    /// transaction. Later edits are not announced again: a correction should not bring a second mail.
    /// </summary>
    public async Task SaveMinutesAsync(long workshopId, string? source, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var html = source is null ? null : Render(source);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The condition is the claim: of two organisers saving the first minutes at once, one announces them.
            var first = source is not null && await db.Workshops.Where(w => w.Id == workshopId && w.MinutesAnnouncedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.MinutesAnnouncedAt, now), ct) == 1;
            await db.Workshops.Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.MinutesSource, source)
                .SetProperty(w => w.MinutesHtml, html)
                .SetProperty(w => w.MinutesUpdatedAt, now), ct);
            if (first)
            {
                await mail.NotifyAsync(workshopId, WorkshopMailKind.Minutes, [WorkshopRegistrationStatus.Registered], ct);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        });
    }

    public string Render(string? source) => MarkdownRenderer.Finish(markdown.Parse(source ?? ""), new Dictionary<string, string>()).Html;

    private void Apply(Workshop workshop, Checked input, DateTimeOffset now)
    {
        var form = input.Form;
        workshop.Title = form.Title.Trim();
        workshop.DescriptionSource = form.Description ?? "";
        workshop.DescriptionHtml = Render(form.Description);
        workshop.TimeZoneId = input.Zone.Id;
        workshop.LocalStart = input.LocalStart;
        workshop.LocalEnd = input.LocalEnd;
        workshop.StartsAt = input.StartsAt;
        workshop.EndsAt = input.EndsAt;
        workshop.OnlineLink = string.IsNullOrWhiteSpace(form.OnlineLink) ? null : form.OnlineLink.Trim();
        workshop.Venue = string.IsNullOrWhiteSpace(form.Venue) ? null : form.Venue.Trim();
        workshop.Capacity = form.Capacity;
        workshop.RegistrationMode = form.Mode;
        workshop.UpdatedAt = now;
    }

}
