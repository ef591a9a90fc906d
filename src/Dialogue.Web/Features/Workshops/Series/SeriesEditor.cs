using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Workshops;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>
/// Checks and writes a series: every occurrence is a workshop row written with the first, in one transaction, sharing its
/// discussion thread. "This and all following" splits the series at the edited occurrence and regenerates the rest from
/// the new wall-clock time; an occurrence whose date stays is updated in place, so its registrations stay with it.
/// </summary>
public sealed class SeriesEditor(DialogueDbContext db, WorkshopEditor editor, TimeProvider clock, IStringLocalizer<Text> text)
{
    public const string ThisOnly = "this";
    public const string Following = "following";

    private static readonly LocalDatePattern DateInput = LocalDatePattern.Iso;

    /// <summary>What the New form asked for: no rule for a single workshop.</summary>
    public sealed record Plan(SeriesRule? Rule, IReadOnlyList<SeriesRule.Occurrence> Occurrences)
    {
        public static readonly Plan OneWorkshop = new(null, []);
    }

    /// <summary>Adds a message per "Repeats" field that breaks a rule; returns the plan when the form (and the first workshop) hold.</summary>
    public Plan? Check(SeriesForm form, WorkshopEditor.Checked? first, ModelStateDictionary errors)
    {
        if (!Enum.IsDefined(form.Repeats))
        {
            errors.AddModelError("Repeat.Repeats", text["Choose how the workshop repeats."]);
            return null;
        }
        if (form.Repeats == SeriesRepeat.None)
        {
            return Plan.OneWorkshop;
        }
        LocalDate? until = null;
        if (form.Ends == SeriesEnd.OnDate)
        {
            until = form.Until is { } u && DateInput.Parse(u.Trim()) is { Success: true } parsed ? parsed.Value : null;
            if (until is null)
            {
                errors.AddModelError("Repeat.Until", text["Enter the last date as a date, such as 2027-03-30."]);
            }
        }
        else if (form.Ends == SeriesEnd.AfterCount)
        {
            if (form.Count is not { } count || count < 2 || count > SeriesRule.MaxOccurrences)
            {
                errors.AddModelError("Repeat.Count", text["A series has from 2 to {0} workshops.", SeriesRule.MaxOccurrences]);
            }
        }
        else
        {
            errors.AddModelError("Repeat.Ends", text["Choose when the series ends."]);
        }
        if (first is null)
        {
            return null;
        }
        var date = first.LocalStart.Date;
        var weekday = CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(NodaTime.Utility.BclConversions.ToDayOfWeek(date.DayOfWeek));
        if (form.Repeats == SeriesRepeat.MonthlyNthWeekday && SeriesRule.WeekOf(date) == 5)
        {
            errors.AddModelError("Repeat.Repeats", text["{0} is the fifth {1} of its month, which not every month has: choose the last {1} instead.", WorkshopTime.Format(date, "d"), weekday]);
        }
        if (form.Repeats == SeriesRepeat.MonthlyLastWeekday && !SeriesRule.IsLastOfMonth(date))
        {
            errors.AddModelError("Repeat.Repeats", text["{0} is not the last {1} of its month: choose a start on the last {1}, or the nth {1}.", WorkshopTime.Format(date, "d"), weekday]);
        }
        var frequency = form.Repeats switch
        {
            SeriesRepeat.Weekly => SeriesFrequency.Weekly,
            SeriesRepeat.Fortnightly => SeriesFrequency.Fortnightly,
            _ => SeriesFrequency.MonthlyByWeekday,
        };
        int? weekOfMonth = frequency == SeriesFrequency.MonthlyByWeekday
            ? SeriesRule.WeekOfMonthFor(date, form.Repeats == SeriesRepeat.MonthlyLastWeekday) : null;
        var occurrences = form.Count ?? 0;
        if (until is { } last)
        {
            if (last < date)
            {
                errors.AddModelError("Repeat.Until", text["The series cannot end before its first workshop."]);
            }
            else if (last > date.PlusYears(SeriesRule.MaxYears))
            {
                errors.AddModelError("Repeat.Until", text["A series can run for at most {0} years; plan a new one after that.", SeriesRule.MaxYears]);
            }
            else
            {
                occurrences = SeriesRule.DatesFrom(frequency, weekOfMonth, date).TakeWhile(d => d <= last).Take(SeriesRule.MaxOccurrences + 1).Count();
                if (occurrences < 2)
                {
                    errors.AddModelError("Repeat.Until", text["That gives a single workshop: choose a later last date, or “Does not repeat”."]);
                }
                else if (occurrences > SeriesRule.MaxOccurrences)
                {
                    errors.AddModelError("Repeat.Until", text["That gives more than {0} workshops, the most a series may have: choose an earlier last date.", SeriesRule.MaxOccurrences]);
                }
            }
        }
        if (!errors.IsValid)
        {
            return null;
        }
        var rule = new SeriesRule(frequency, weekOfMonth, first.LocalStart, first.LocalEnd, occurrences);
        return new Plan(rule, rule.Occurrences(first.Zone));
    }

    /// <summary>The series, its first workshop (with the discussion thread) and every later occurrence, in one transaction.</summary>
    public async Task<WorkshopSeries> CreateAsync(long spaceId, WorkshopEditor.Checked input, Plan plan, Viewer organiser, CancellationToken ct)
    {
        var rule = plan.Rule ?? throw new ArgumentException("A plan without a rule is a single workshop.", nameof(plan));
        WorkshopSeries? series = null;
        await editor.CreateAsync(spaceId, input, organiser, ct, async first =>
        {
            series = new WorkshopSeries
            {
                SpaceId = spaceId,
                Label = input.Label,
                Title = first.Title,
                CreatedById = organiser.UserId!,
                Frequency = rule.Frequency,
                WeekOfMonth = rule.WeekOfMonth,
                TimeZoneId = input.Zone.Id,
                FirstStart = rule.FirstStart,
                FirstEnd = rule.FirstEnd,
                Count = rule.Count,
                CreatedAt = first.CreatedAt,
                UpdatedAt = first.CreatedAt,
            };
            db.WorkshopSeries.Add(series);
            await db.SaveChangesAsync(ct);
            first.SeriesId = series.Id;
            first.OccurrenceIndex = 0;
            foreach (var occurrence in plan.Occurrences.Skip(1))
            {
                db.Workshops.Add(Occurrence(first, series.Id, occurrence, first.CreatedAt));
            }
            await db.SaveChangesAsync(ct);
        });
        return series!;
    }

    public sealed record Saved(string? Message);

    /// <summary>
    /// Saves an edit of one occurrence, or of it and all following ones. Returns null (with a message on the field) when a
    /// workshop's own rules refuse it; then nothing is saved.
    /// </summary>
    public async Task<Saved?> UpdateAsync(long workshopId, WorkshopEditor.Checked input, string? scope, ModelStateDictionary errors, CancellationToken ct)
    {
        var edited = await db.Workshops.AsNoTracking().Where(w => w.Id == workshopId)
            .Select(w => new { w.SeriesId, w.OccurrenceIndex }).SingleAsync(ct);
        if (scope != Following || edited.SeriesId is not { } seriesId || edited.OccurrenceIndex is not { } index)
        {
            return await editor.UpdateAsync(workshopId, input, errors, ct) ? new Saved(input.Adjusted) : null;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var saved = await UpdateFollowingAsync(workshopId, seriesId, index, input, errors, ct);
            if (saved is null)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }
            await transaction.CommitAsync(ct);
            return saved;
        });
    }

    private async Task<Saved?> UpdateFollowingAsync(long workshopId, long seriesId, int index, WorkshopEditor.Checked input, ModelStateDictionary errors, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var series = await db.WorkshopSeries.SingleAsync(s => s.Id == seriesId, ct);
        var following = await db.Workshops.AsNoTracking()
            .Where(w => w.SeriesId == seriesId && w.OccurrenceIndex >= index && w.Id != workshopId)
            .Select(w => new { w.Id, w.LocalStart, w.Sequence }).ToListAsync(ct);
        var editedSequence = await db.Workshops.Where(w => w.Id == workshopId).Select(w => w.Sequence).SingleAsync(ct);
        var date = input.LocalStart.Date;
        var weekOfMonth = series.Frequency == SeriesFrequency.MonthlyByWeekday
            ? SeriesRule.WeekOfMonthFor(date, series.WeekOfMonth == SeriesRule.LastWeek && SeriesRule.IsLastOfMonth(date)) : (int?)null;
        var rule = new SeriesRule(series.Frequency, weekOfMonth, input.LocalStart, input.LocalEnd, series.Count - index);
        var occurrences = rule.Occurrences(input.Zone);

        // The first occurrence is the edited one; each later date keeps the workshop (and its registrations) that fell on it.
        var unmatched = following.ToDictionary(w => w.Id);
        var ids = new long?[occurrences.Count];
        ids[0] = workshopId;
        for (var i = 1; i < occurrences.Count; i++)
        {
            var match = unmatched.Values.FirstOrDefault(w => w.LocalStart.Date == occurrences[i].LocalStart.Date);
            if (match is not null)
            {
                ids[i] = match.Id;
                unmatched.Remove(match.Id);
            }
        }
        for (var i = 0; i < occurrences.Count; i++)
        {
            if (ids[i] is not { } id)
            {
                continue;
            }
            var occurrence = occurrences[i];
            var rowErrors = new ModelStateDictionary();
            var at = input with { LocalStart = occurrence.LocalStart, LocalEnd = occurrence.LocalEnd, StartsAt = occurrence.StartsAt, EndsAt = occurrence.EndsAt };
            if (!await editor.UpdateAsync(id, at, rowErrors, ct))
            {
                foreach (var (key, entry) in rowErrors)
                {
                    foreach (var error in entry.Errors)
                    {
                        errors.AddModelError(key, i == 0 ? error.ErrorMessage : text["On {0}: {1}", WorkshopTime.Format(occurrence.LocalStart.Date, "d"), error.ErrorMessage]);
                    }
                }
                return null;
            }
        }

        var target = series;
        var moved = following.Sum(w => w.Sequence) + editedSequence;
        if (index > 0)
        {
            target = new WorkshopSeries
            {
                SpaceId = series.SpaceId,
                Label = series.Label,
                Title = input.Form.Title.Trim(),
                CreatedById = series.CreatedById,
                Frequency = series.Frequency,
                TimeZoneId = series.TimeZoneId,
                CreatedAt = now,
            };
            db.WorkshopSeries.Add(target);
            // The earlier part ends before the edited occurrence; its calendar SEQUENCE must not fall as occurrences leave it.
            series.Count = index;
            series.Sequence += 1 + moved;
            series.UpdatedAt = now;
        }
        else
        {
            target.Title = input.Form.Title.Trim();
            target.Sequence++;
        }
        target.WeekOfMonth = rule.WeekOfMonth;
        target.FirstStart = rule.FirstStart;
        target.FirstEnd = rule.FirstEnd;
        target.Count = rule.Count;
        target.TimeZoneId = input.Zone.Id;
        target.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        var template = await db.Workshops.SingleAsync(w => w.Id == workshopId, ct);
        for (var i = 0; i < occurrences.Count; i++)
        {
            if (ids[i] is { } id)
            {
                await db.Workshops.Where(w => w.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(w => w.SeriesId, target.Id).SetProperty(w => w.OccurrenceIndex, i), ct);
            }
            else
            {
                db.Workshops.Add(Occurrence(template, target.Id, occurrences[i], now));
            }
        }
        // A date the new rule no longer gives is cancelled (its registrants keep seeing it as such) and leaves the rule.
        foreach (var gone in unmatched.Keys)
        {
            await editor.CancelAsync(gone, template.CreatedById, ct);
            await db.Workshops.Where(w => w.Id == gone).ExecuteUpdateAsync(s => s.SetProperty(w => w.OccurrenceIndex, (int?)null), ct);
        }
        await db.SaveChangesAsync(ct);
        var adjusted = Adjustments(occurrences, input.Zone);
        var saved = text["This workshop and the {0} following ones are saved.", occurrences.Count - 1].Value;
        if (unmatched.Count > 0)
        {
            saved += " " + text["{0} workshops on dates the series no longer has were cancelled.", unmatched.Count];
        }
        return new Saved(adjusted is null ? saved : saved + " " + adjusted);
    }

    /// <summary>The organiser is told which dates a daylight-saving change moved, and how.</summary>
    public string? Adjustments(IReadOnlyList<SeriesRule.Occurrence> occurrences, DateTimeZone zone)
    {
        var notes = occurrences.Where(o => o.Adjustment != SeriesRule.Adjustment.None).Select(o => o.Adjustment == SeriesRule.Adjustment.ShiftedForward
                ? text["{0}: {1} does not exist in {2} (the clocks go forward); that workshop starts at {3}.",
                    WorkshopTime.Format(o.LocalStart.Date, "d"), WorkshopTime.Format(o.LocalStart, "HH:mm"), zone.Id, WorkshopTime.Format(o.ResolvedStart, "HH:mm")].Value
                : text["{0}: {1} happens twice in {2} (the clocks go back); the earlier one, at UTC{3}, was taken.",
                    WorkshopTime.Format(o.LocalStart.Date, "d"), WorkshopTime.Format(o.LocalStart, "HH:mm"), zone.Id,
                    zone.GetUtcOffset(NodaTime.Instant.FromDateTimeOffset(o.StartsAt)).ToString()].Value)
            .ToList();
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    public string Scheduled(Plan plan, DateTimeZone zone)
    {
        var message = text["The series is scheduled: {0} workshops.", plan.Occurrences.Count].Value;
        return Adjustments(plan.Occurrences, zone) is { } adjusted ? message + " " + adjusted : message;
    }

    private static Workshop Occurrence(Workshop template, long seriesId, SeriesRule.Occurrence occurrence, DateTimeOffset now) => new()
    {
        SpaceId = template.SpaceId,
        Title = template.Title,
        DescriptionSource = template.DescriptionSource,
        DescriptionHtml = template.DescriptionHtml,
        Label = template.Label,
        CreatedById = template.CreatedById,
        TimeZoneId = template.TimeZoneId,
        LocalStart = occurrence.LocalStart,
        LocalEnd = occurrence.LocalEnd,
        StartsAt = occurrence.StartsAt,
        EndsAt = occurrence.EndsAt,
        OnlineLink = template.OnlineLink,
        Venue = template.Venue,
        Capacity = template.Capacity,
        RegistrationMode = template.RegistrationMode,
        ThreadId = template.ThreadId,
        SeriesId = seriesId,
        OccurrenceIndex = occurrence.Index,
        CreatedAt = now,
        UpdatedAt = now,
        Organisers = [new WorkshopOrganiser { UserId = template.CreatedById, AddedAt = now }],
    };
}
