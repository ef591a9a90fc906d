using Dialogue.Data.Workshops.Polls;

namespace Dialogue.Web.Features.Workshops.Polls;

/// <summary>
/// The results grid: per slot, each person's wall-clock time, answer and night-time burden, slots sorted by the
/// number of yes answers, then by fewer burdens, then by time. Pure, so its rules are tested without a page.
/// </summary>
public static class PollResults
{
    public sealed record Person(string UserId, string Name, string ZoneId, bool ZoneChosen, bool IsOrganiser);

    public sealed record SlotTime(long Id, string LocalStart, DateTimeOffset StartsAt);

    public sealed record Cell(Person Person, NodaTime.LocalDateTime Local, bool Night, WorkshopPollChoice? Choice);

    public sealed record Row(SlotTime Slot, IReadOnlyList<Cell> Cells, int Yes, int IfNeedBe, int No, int Burdens);

    public static IReadOnlyList<Row> Build(
        IReadOnlyList<SlotTime> slots,
        IReadOnlyList<Person> people,
        IReadOnlyCollection<(long SlotId, string UserId, WorkshopPollChoice Choice)> answers,
        int durationMinutes)
    {
        var byKey = answers.ToDictionary(a => (a.SlotId, a.UserId), a => a.Choice);
        var zones = people.ToDictionary(p => p.UserId, p => PollTimes.ZoneOrUtc(p.ZoneId), StringComparer.Ordinal);
        return slots
            .Select(slot =>
            {
                var cells = people.Select(p => new Cell(
                    p,
                    PollTimes.InZone(slot.StartsAt, zones[p.UserId]),
                    PollTimes.IsNightBurden(slot.StartsAt, durationMinutes, zones[p.UserId]),
                    byKey.TryGetValue((slot.Id, p.UserId), out var choice) ? choice : null)).ToList();
                return new Row(slot, cells,
                    cells.Count(c => c.Choice == WorkshopPollChoice.Yes),
                    cells.Count(c => c.Choice == WorkshopPollChoice.IfNeedBe),
                    cells.Count(c => c.Choice == WorkshopPollChoice.No),
                    cells.Count(c => c.Night));
            })
            .OrderByDescending(r => r.Yes)
            .ThenBy(r => r.Burdens)
            .ThenBy(r => r.Slot.StartsAt)
            .ToList();
    }
}
