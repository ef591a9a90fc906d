using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Calendars;
using Dialogue.Tests.Infrastructure;
using static Dialogue.Tests.Features.Access.AccessMatrixTests;

namespace Dialogue.Tests.Features.Workshops;

/// <summary>
/// A series' page and its .ics over 5 labels × every kind of viewer, held to the access table of AccessMatrixTests: present
/// exactly where the viewer reads its workshops, 404 elsewhere, and the .ics carrying only what the label's email column
/// allows. A RED series' participant is the member invited to one of its occurrences.
/// </summary>
public sealed class SeriesAccessMatrixTests(World world) : IClassFixture<World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<World, Dictionary<SensitivityLabel, (long Id, string Title)>> Made = [];

    public static TheoryData<SensitivityLabel, Kind> All() => Cases();

    [Theory]
    [MemberData(nameof(All))]
    public async Task The_series_page_and_its_calendar_show_or_hide_the_series_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        var series = (await EnsureAsync())[label];
        var reads = Reads[kind][(int)label];
        var client = await world.ClientAsync(kind);

        var page = await client.GetAsync($"/Workshops/Series/{series.Id}");
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(reads, html.Contains(series.Title, StringComparison.Ordinal));

        var ics = await client.GetAsync($"/Workshops/Series/{series.Id}/calendar.ics");
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, ics.StatusCode);
        var text = await ics.Content.ReadAsStringAsync();
        if (!reads)
        {
            Assert.DoesNotContain(series.Title, text, StringComparison.Ordinal);
            return;
        }
        var master = Assert.Single(CalendarWorld.Parse(text).Events);
        Assert.NotNull(master.RecurrenceRule);
        var (summary, description, link) = label switch
        {
            SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber => (series.Title, true, true),
            SensitivityLabel.AmberStrict => ("Restricted workshop", false, true),
            _ => ("Dialogue workshop", false, false),
        };
        Assert.Equal(summary, master.Summary);
        Assert.Equal(description, (master.Description ?? "").Contains($"About {series.Title}", StringComparison.Ordinal));
        Assert.Equal(link, master.Url is not null);
        Assert.Equal(label is SensitivityLabel.Clear or SensitivityLabel.Green, master.Location is not null);
        if (label is SensitivityLabel.AmberStrict or SensitivityLabel.Red)
        {
            Assert.DoesNotContain(series.Title, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task An_occurrence_links_its_series_only_for_readers(SensitivityLabel label, Kind kind)
    {
        var series = (await EnsureAsync())[label];
        // The RED participant was invited to the second occurrence only.
        var occurrence = (await world.OccurrencesAsync(series.Id))[1];
        var response = await (await world.ClientAsync(kind)).GetAsync($"/Workshops/{occurrence.Id}");
        var reads = Reads[kind][(int)label];
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(reads, (await response.Content.ReadAsStringAsync()).Contains($"/Workshops/Series/{series.Id}/calendar.ics", StringComparison.Ordinal));
    }

    private async Task<Dictionary<SensitivityLabel, (long Id, string Title)>> EnsureAsync()
    {
        await world.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (Made.TryGetValue(world, out var existing))
            {
                return existing;
            }
            var made = new Dictionary<SensitivityLabel, (long, string)>();
            foreach (var label in Enum.GetValues<SensitivityLabel>())
            {
                var title = ThreadsWorld.Unique($"Series-{label}");
                var series = await world.CreateSeriesAsync(world.Space.Id, world.Author, label, title, "Europe/London", "2027-03-16T09:00", "2027-03-16T10:00", SeriesWorld.Weekly(3));
                if (label == SensitivityLabel.Red)
                {
                    await world.InviteAsync((await world.OccurrencesAsync(series.Id))[1].Id, world.Author, world.User(Kind.RedParticipant));
                }
                made[label] = (series.Id, title);
            }
            Made[world] = made;
            return made;
        }
        finally
        {
            Gate.Release();
        }
    }
}
