using NodaTime;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// An agenda laid out by the reader's local days. A session that crosses the reader's midnight is listed on every day it
/// touches, marked as continuing, so a reader in New York finds the Beijing morning session on both evenings it spans.
/// </summary>
public static class Timetable
{
    public sealed record Entry<T>(T Session, bool ContinuesFromPreviousDay, bool ContinuesNextDay);

    public sealed record Day<T>(LocalDate Date, IReadOnlyList<Entry<T>> Entries);

    public static IReadOnlyList<Day<T>> ByLocalDay<T>(IEnumerable<T> sessions, Func<T, DateTimeOffset> start, Func<T, DateTimeOffset> end, DateTimeZone zone)
    {
        var days = new SortedDictionary<LocalDate, List<Entry<T>>>();
        foreach (var session in sessions)
        {
            var touched = WorkshopTime.DaysTouched(start(session), end(session), zone);
            for (var i = 0; i < touched.Count; i++)
            {
                if (!days.TryGetValue(touched[i], out var entries))
                {
                    days[touched[i]] = entries = [];
                }
                entries.Add(new Entry<T>(session, i > 0, i < touched.Count - 1));
            }
        }
        return [.. days.Select(d => new Day<T>(d.Key, d.Value))];
    }
}
