using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using static Dialogue.Tests.Features.Access.AccessMatrixTests;

namespace Dialogue.Tests.Features.Workshops;

/// <summary>
/// Every workshop surface — list, month and week views, the space page, the workshop page and its agenda, registering,
/// the organisers' agenda and registrant pages and the CSV export — over 5 labels × every kind of viewer, held to the
/// access table of AccessMatrixTests. A RED workshop's invitee is the RedParticipant; the world's author organises them all.
/// </summary>
public sealed class WorkshopAccessMatrixTests(World world) : IClassFixture<World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<World, Dictionary<SensitivityLabel, (long Id, string Title, string Session)>> Workshops = [];

    public static TheoryData<SensitivityLabel, Kind> All() => Cases();

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_workshop_surface_shows_or_hides_the_workshop_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        var workshop = (await EnsureAsync())[label];
        var reads = Reads[kind][(int)label];
        var client = await world.ClientAsync(kind);

        foreach (var url in new[] { "/Workshops", "/Workshops?view=month&date=2026-12-01", "/Workshops?view=week&date=2026-12-08", $"/Spaces/{world.Space.Slug}" })
        {
            var html = await client.GetStringAsync(url);
            Assert.True(reads == html.Contains(workshop.Title, StringComparison.Ordinal), $"{url} as {kind}: expected {(reads ? "shown" : "hidden")}");
        }

        var page = await client.GetAsync($"/Workshops/{workshop.Id}");
        Assert.Equal(reads ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        var detail = await page.Content.ReadAsStringAsync();
        Assert.Equal(reads, detail.Contains(workshop.Title, StringComparison.Ordinal));
        Assert.Equal(reads, detail.Contains(workshop.Session, StringComparison.Ordinal));

        // The organisers' pages: the space's moderators manage what they may read; nobody else of these kinds organises.
        var manages = reads && kind == Kind.SpaceModerator;
        foreach (var url in new[] { $"/Workshops/{workshop.Id}/Agenda", $"/Workshops/{workshop.Id}/Registrants", $"/Workshops/{workshop.Id}/Registrants?handler=Csv", $"/Workshops/{workshop.Id}/Edit" })
        {
            var response = await (kind == Kind.Stranger ? world.CreateBrowser(followRedirects: false) : client).GetAsync(url);
            var expected = kind == Kind.Stranger ? HttpStatusCode.Redirect
                : !reads ? HttpStatusCode.NotFound
                : manages ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{url} as {kind}: expected {expected}, got {response.StatusCode}");
            if (!manages)
            {
                Assert.DoesNotContain(world.User(Kind.SpaceMember).Email!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // Registering: a reader who is a signed-in member may (RED: its invitee); an unreadable workshop answers 404.
        if (kind != Kind.Stranger && reads)
        {
            var form = await client.GetPageAsync($"/Workshops/{workshop.Id}");
            var register = form.QuerySelector("form[action*='handler=Register']");
            var registered = form.QuerySelector("form[action*='handler=CancelRegistration']");
            Assert.True(register is not null || registered is not null, $"{kind} sees neither a register nor a cancel button on {label}");
        }
        else if (kind != Kind.Stranger)
        {
            // A valid antiforgery token (from a workshop the viewer may read) on a post to one they may not read.
            var readable = await client.GetPageAsync($"/Workshops/{(await EnsureAsync())[SensitivityLabel.Clear].Id}");
            var token = readable.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var forged = await client.PostAsync($"/Workshops/{workshop.Id}?handler=Register", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }
        var statuses = await world.StatusesAsync(workshop.Id);
        if (!reads && kind != Kind.Stranger)
        {
            Assert.False(statuses.ContainsKey(world.User(kind).Id));
        }
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear, true, true, true)]
    [InlineData(SensitivityLabel.Green, true, true, true)]
    [InlineData(SensitivityLabel.Amber, true, true, false)]
    [InlineData(SensitivityLabel.AmberStrict, true, false, false)]
    [InlineData(SensitivityLabel.Red, false, false, false)]
    public async Task The_registrant_export_carries_only_what_the_label_allows(SensitivityLabel label, bool names, bool affiliations, bool emails)
    {
        var workshop = (await EnsureAsync())[label];
        var organiser = await world.CreateSignedInBrowserAsync(world.Author);
        var attendee = label == SensitivityLabel.Red ? world.User(Kind.RedParticipant) : world.User(Kind.SpaceMember);
        var csv = await organiser.GetStringAsync($"/Workshops/{workshop.Id}/Registrants?handler=Csv");

        Assert.Equal(names, csv.Contains(attendee.DisplayName, StringComparison.Ordinal));
        Assert.Equal(affiliations, csv.Contains("affiliation", StringComparison.Ordinal));
        Assert.Equal(emails, csv.Contains(attendee.Email!, StringComparison.Ordinal));
        Assert.Contains(nameof(WorkshopRegistrationStatus.Registered), csv, StringComparison.Ordinal);
        if (label == SensitivityLabel.Red)
        {
            Assert.StartsWith("status,count", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        }
    }

    private async Task<Dictionary<SensitivityLabel, (long Id, string Title, string Session)>> EnsureAsync()
    {
        await world.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (Workshops.TryGetValue(world, out var existing))
            {
                return existing;
            }
            var made = new Dictionary<SensitivityLabel, (long, string, string)>();
            foreach (var label in Enum.GetValues<SensitivityLabel>())
            {
                var title = ThreadsWorld.Unique($"Workshop-{label}");
                var session = ThreadsWorld.Unique($"Session-{label}");
                var workshop = await world.CreateWorkshopAsync(world.Space.Id, world.Author, label, title, "Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T12:00",
                    capacity: 10, mode: label == SensitivityLabel.Red ? WorkshopRegistrationMode.InvitationOnly : WorkshopRegistrationMode.Open);
                await world.AddSessionAsync(workshop.Id, session, "Asia/Shanghai", "2026-12-08T09:30", "2026-12-08T10:30");
                if (label == SensitivityLabel.Red)
                {
                    await world.InviteAsync(workshop.Id, world.Author, world.User(Kind.RedParticipant));
                    await world.RegisterAsync(workshop.Id, world.User(Kind.RedParticipant));
                }
                else
                {
                    await world.RegisterAsync(workshop.Id, world.User(Kind.SpaceMember));
                }
                made[label] = (workshop.Id, title, session);
            }
            Workshops[world] = made;
            return made;
        }
        finally
        {
            Gate.Release();
        }
    }
}
