using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>
/// The demo's series: the public agent-evaluation workshop gains a weekly follow-up, planned in London, so its time in
/// Beijing moves by an hour when London's clocks go forward in March; one week moved on its own and one cancelled, as the
/// series calendar shows with RECURRENCE-ID and EXDATE. Written through the app's own editors.
/// </summary>
public sealed class SeriesDemo(DialogueDbContext db, WorkshopEditor editor, SeriesEditor series, Registrations registrations) : IDemoPart
{
    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var today = WorkshopTime.InZone(site.Now, zone).Date;
        // The first Tuesday at least a week away; twenty weeks reach past the last Sunday of March.
        var first = today.PlusDays(7).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Tuesday)).At(new LocalTime(13, 0));
        var form = new WorkshopForm
        {
            Title = "Weekly reading group: agent evaluations across languages · 跨语言智能体评测读书会",
            Description = "A follow-up to *Evaluating agents across languages*: each week one paper, read in English or Chinese, summarised in both.\n\n" +
                "每周一篇论文，中英文均可，讨论时两种语言各做一段总结。时间按伦敦时间固定，北京时间在三月底会提前一小时。",
            Label = SensitivityLabel.Clear,
            TimeZone = zone.Id,
            Start = WorkshopTime.FormatInput(first),
            End = WorkshopTime.FormatInput(first.PlusMinutes(60)),
            OnlineLink = "https://meet.example.org/reading-group",
            Capacity = 30,
            Mode = WorkshopRegistrationMode.Open,
        };
        var errors = new ModelStateDictionary();
        var input = editor.Check(form, SensitivityLabel.Clear, null, errors);
        var plan = series.Check(new SeriesForm { Repeats = SeriesRepeat.Weekly, Ends = SeriesEnd.AfterCount, Count = 20 }, input, errors);
        if (input is null || plan is null)
        {
            throw new InvalidOperationException($"The demo series is invalid: {string.Join("; ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))}");
        }
        var created = await series.CreateAsync(site.SpaceIds["open-research"], input, plan, site.Viewers("li.wei"), ct);
        var occurrences = await db.Workshops.Where(w => w.SeriesId == created.Id).OrderBy(w => w.OccurrenceIndex)
            .Select(w => new { w.Id, w.LocalStart, w.LocalEnd, w.ThreadId }).ToListAsync(ct);
        // Announced a week ago, so its discussion thread is not the demo's newest activity.
        if (occurrences[0].ThreadId is { } threadId)
        {
            var opening = await db.Posts.Where(p => p.ThreadId == threadId && p.Number == 1).Select(p => p.Id).SingleAsync(ct);
            await DemoSeeder.BackdateAsync(db, threadId, [(opening, site.Now.AddDays(-7))], ct);
        }

        foreach (var person in new[] { "sarah", "kenji", "zhang.min", "marie" })
        {
            await registrations.RegisterAsync(occurrences[0].Id, site.UserIds[person], ct);
            await registrations.RegisterAsync(occurrences[1].Id, site.UserIds[person], ct);
        }
        // The holiday week is cancelled; the week after starts an hour later, for that week only.
        var holiday = occurrences.FirstOrDefault(o => (o.LocalStart.Month == 12 && o.LocalStart.Day >= 22) || (o.LocalStart.Month == 1 && o.LocalStart.Day <= 5))
            ?? occurrences[3];
        await editor.CancelAsync(holiday.Id, site.UserIds["li.wei"], ct);
        var moved = occurrences.First(o => o.LocalStart > holiday.LocalStart);
        var movedForm = new WorkshopForm
        {
            Title = form.Title,
            Description = form.Description,
            Label = form.Label,
            TimeZone = form.TimeZone,
            Start = WorkshopTime.FormatInput(moved.LocalStart.PlusHours(1)),
            End = WorkshopTime.FormatInput(moved.LocalEnd.PlusHours(1)),
            OnlineLink = form.OnlineLink,
            Capacity = form.Capacity,
            Mode = form.Mode,
        };
        var movedInput = editor.Check(movedForm, SensitivityLabel.Clear, SensitivityLabel.Clear, errors)!;
        await series.UpdateAsync(moved.Id, movedInput, SeriesEditor.ThisOnly, errors, ct);
    }
}
