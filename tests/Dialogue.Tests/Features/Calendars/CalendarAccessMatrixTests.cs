using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using NodaTime;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Calendars;

/// <summary>
/// A workshop's .ics and each member's feed, for every label and every kind of viewer: present exactly where the access
/// table says the viewer reads the workshop, and carrying only what the label's email column allows.
/// </summary>
public sealed class CalendarAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<AccessMatrixTests.World, Setup> Setups = [];

    private sealed record Setup(Dictionary<SensitivityLabel, long> Workshops, Dictionary<Kind, string> Tokens);

    public static string TitleOf(SensitivityLabel label) => $"calendar-title-of-{label}-workshop";
    public static string DescriptionOf(SensitivityLabel label) => $"calendar-description-of-{label}-workshop";

    public static TheoryData<SensitivityLabel, Kind> Cases() => AccessMatrixTests.Cases();

    private async Task<Setup> EnsureAsync()
    {
        await world.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (Setups.TryGetValue(world, out var existing))
            {
                return existing;
            }
            var workshops = new Dictionary<SensitivityLabel, long>();
            var start = new LocalDateTime(2026, 12, 8, 9, 0);
            foreach (var label in Enum.GetValues<SensitivityLabel>())
            {
                var workshop = await world.CreateWorkshopAsync(world.Space.Id, world.Author, label, TitleOf(label),
                    "Asia/Shanghai", start, Duration.FromHours(2), DescriptionOf(label), invitees: [world.User(Kind.RedParticipant)]);
                workshops[label] = workshop.Id;
            }
            var tokens = new Dictionary<Kind, string>();
            foreach (var kind in Enum.GetValues<Kind>().Where(k => k is not Kind.Stranger and not Kind.RedParticipant))
            {
                foreach (var id in workshops.Values)
                {
                    await world.RegisterAsync(id, world.User(kind));
                }
            }
            foreach (var kind in Enum.GetValues<Kind>().Where(k => k != Kind.Stranger))
            {
                tokens[kind] = await world.IssueFeedAsync(world.User(kind), includeRed: true);
            }
            return Setups[world] = new Setup(workshops, tokens);
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_workshop_ics_and_the_feed_show_or_hide_the_workshop_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        var setup = await EnsureAsync();
        var expected = AccessMatrixTests.Reads[kind][(int)label];
        var workshopId = setup.Workshops[label];
        var client = await world.ClientAsync(kind);

        var ics = await client.GetAsync($"/Workshops/{workshopId}/calendar.ics");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, ics.StatusCode);
        if (expected)
        {
            Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
            AssertCarriesOnlyWhatTheLabelAllows(label, await ics.Content.ReadAsStringAsync());
        }

        if (kind == Kind.Stranger)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Workshops/Feed/not-a-token.ics")).StatusCode);
            return;
        }
        // The feed is fetched without a session, as a calendar service does.
        var feed = await world.Factory.CreateBrowser().GetStringAsync($"/Workshops/Feed/{setup.Tokens[kind]}.ics");
        var events = CalendarWorld.Parse(feed).Events.Where(e => e.Uid!.StartsWith($"workshop-{workshopId}@", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected ? 1 : 0, events.Count);
        if (expected)
        {
            AssertCarriesOnlyWhatTheLabelAllows(label, feed, workshopId);
        }
        Assert.DoesNotContain(TitleOf(SensitivityLabel.Red), feed, StringComparison.Ordinal);
        Assert.DoesNotContain(DescriptionOf(SensitivityLabel.Red), feed, StringComparison.Ordinal);
        Assert.DoesNotContain(DescriptionOf(SensitivityLabel.AmberStrict), feed, StringComparison.Ordinal);
    }

    private static void AssertCarriesOnlyWhatTheLabelAllows(SensitivityLabel label, string ics, long? only = null)
    {
        var calendarEvent = CalendarWorld.Parse(ics).Events.Single(e => only is null || e.Uid!.StartsWith($"workshop-{only}@", StringComparison.Ordinal));
        var (summary, description, link) = label switch
        {
            SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber => (TitleOf(label), true, true),
            SensitivityLabel.AmberStrict => ("Restricted workshop", false, true),
            _ => ("Dialogue workshop", false, false),
        };
        Assert.Equal(summary, calendarEvent.Summary);
        Assert.Equal(description, (calendarEvent.Description ?? "").Contains(DescriptionOf(label), StringComparison.Ordinal));
        Assert.Equal(link, calendarEvent.Url is not null);
        Assert.Equal(label is SensitivityLabel.Clear or SensitivityLabel.Green, calendarEvent.Location is not null);
        if (label is SensitivityLabel.AmberStrict or SensitivityLabel.Red)
        {
            Assert.DoesNotContain(TitleOf(label), ics, StringComparison.Ordinal);
        }
    }
}
