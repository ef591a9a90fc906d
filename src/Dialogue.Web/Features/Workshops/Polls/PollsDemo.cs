using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// Two polls in progress, written through the pages' own handlers: Li Wei in Shanghai asks members from New York to
/// Tokyo when to meet (one slot is the middle of the night for most of them, some answers are in), and a Chinese-language
/// poll in the Chinese exchange.
/// </summary>
public sealed class PollsDemo(DialogueDbContext db, NewModel.Handler create, DetailsModel.Handler answer) : IDemoPart
{
    private const string Organiser = "li.wei";

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var shanghai = PollTimes.Zone("Asia/Shanghai")!;
        var today = PollTimes.InZone(site.Now, shanghai).Date;
        NewModel.SlotInput Slot(int days, int hour) => new()
        {
            Date = PollTimes.FormatDate(today.PlusDays(days)),
            Time = PollTimes.FormatTime(new NodaTime.LocalTime(hour, 0)),
        };

        var evaluations = await CreateAsync(site, "members-lounge", new NewModel.Command
        {
            Title = "Workshop: shared evaluation protocol for refusal robustness",
            Description = "Two hours to agree on **one protocol** for the refusal-robustness runs: prompt sets, grader, and how we report partial answers.\n\nPlease answer for every slot; the grid shows who would be up at night.",
            Label = SensitivityLabel.Green,
            TimeZone = shanghai.Id,
            DurationMinutes = 120,
            // 21:00 in Shanghai suits Europe, Africa and the Americas' morning; 09:00 is the middle of the night in Europe and Africa.
            Slots = [Slot(8, 21), Slot(9, 16), Slot(10, 9), Slot(11, 22)],
        }, ["sarah", "marie", "tunde", "ana", "kenji", "jonas"], ct);
        await AnswerAsync(site, evaluations, "sarah", [WorkshopPollChoice.Yes, WorkshopPollChoice.No, WorkshopPollChoice.IfNeedBe, WorkshopPollChoice.Yes], ct);
        await AnswerAsync(site, evaluations, "marie", [WorkshopPollChoice.Yes, WorkshopPollChoice.Yes, WorkshopPollChoice.No, WorkshopPollChoice.IfNeedBe], ct);
        await AnswerAsync(site, evaluations, "tunde", [WorkshopPollChoice.Yes, WorkshopPollChoice.IfNeedBe, WorkshopPollChoice.No, WorkshopPollChoice.Yes], ct);
        await AnswerAsync(site, evaluations, "kenji", [WorkshopPollChoice.IfNeedBe, WorkshopPollChoice.Yes, WorkshopPollChoice.Yes, WorkshopPollChoice.No], ct);

        var glossary = await CreateAsync(site, "chinese-exchange", new NewModel.Command
        {
            Title = "术语表研讨会：对齐相关术语的中文译法",
            Description = "讨论 *reward hacking*、*sandbagging* 等术语的统一译法，约一小时。请按你所在时区选择合适的时间。",
            Label = SensitivityLabel.Clear,
            TimeZone = shanghai.Id,
            DurationMinutes = 60,
            Slots = [Slot(6, 20), Slot(7, 10), Slot(13, 20)],
        }, ["chen.yu", "zhang.min", "sarah"], ct);
        await AnswerAsync(site, glossary, "chen.yu", [WorkshopPollChoice.Yes, WorkshopPollChoice.IfNeedBe, WorkshopPollChoice.Yes], ct);
    }

    private async Task<long> CreateAsync(DemoSite site, string space, NewModel.Command command, string[] invitees, CancellationToken ct)
    {
        command.Invitees = [.. invitees.Select(k => site.UserIds[k])];
        var result = await create.CreateAsync(site.SpaceIds[space], command, site.Viewers(Organiser), shapeValid: true, ct);
        return result.PollId ?? throw new InvalidOperationException("Demo poll refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task AnswerAsync(DemoSite site, long pollId, string person, WorkshopPollChoice[] choices, CancellationToken ct)
    {
        var slots = await db.WorkshopPollSlots.AsNoTracking().Where(s => s.PollId == pollId).OrderBy(s => s.StartsAt).Select(s => s.Id).ToListAsync(ct);
        await answer.AnswerAsync(pollId, site.UserIds[person], slots.Zip(choices).ToDictionary(p => p.First, p => p.Second), ct);
    }
}
