using System.Globalization;
using System.Text;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Features.Calendars;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Workshops;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Workshops.Reminders;

/// <summary>
/// Reminders and cancellation notices for every label and every kind of account: each kind is registered for every
/// workshop (as if it had access once), and only those the access table lets read the workshop get mail, carrying
/// only what the label's email column allows. A stranger has no account and no mail: the case does not apply.
/// </summary>
public sealed class ReminderAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<AccessMatrixTests.World, Setup> Setups = [];

    private sealed record Setup(Dictionary<SensitivityLabel, long> Reminded, Dictionary<SensitivityLabel, long> Cancelled);

    public static string TitleOf(SensitivityLabel label, string what) => $"{what}-title-of-{label}-workshop";

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
            var (reminded, cancelled) = (new Dictionary<SensitivityLabel, long>(), new Dictionary<SensitivityLabel, long>());
            var start = new LocalDateTime(2026, 12, 8, 9, 0);
            var registered = Enum.GetValues<Kind>().Where(k => k is not Kind.Stranger and not Kind.RedParticipant).Select(world.User).ToList();
            foreach (var label in Enum.GetValues<SensitivityLabel>())
            {
                foreach (var (what, into) in new[] { ("reminder", reminded), ("notice", cancelled) })
                {
                    var workshop = await world.CreateWorkshopAsync(world.Space.Id, world.Author, label, TitleOf(label, what), "Asia/Shanghai", start,
                        Duration.FromHours(2), $"description of {TitleOf(label, what)}", invitees: [world.User(Kind.RedParticipant)]);
                    foreach (var user in registered)
                    {
                        await CalendarWorld.RegisterAsync(world, workshop.Id, user); // put down directly, whatever they may read now
                    }
                    into[label] = workshop.Id;
                }
            }
            await world.WithScopeAsync(async sp =>
            {
                foreach (var id in cancelled.Values)
                {
                    await sp.GetRequiredService<WorkshopEditor>().CancelAsync(id, world.Author.Id, CancellationToken.None);
                }
                return true;
            });
            // Half an hour before the start (09:00 in Shanghai is 01:00 UTC).
            var due = new DateTimeOffset(2026, 12, 8, 0, 30, 0, TimeSpan.Zero);
            world.Clock.Advance(due - world.Clock.GetUtcNow());
            await world.WithScopeAsync(sp => sp.GetRequiredService<WorkshopReminderJob>().ScanAsync(CancellationToken.None));
            return Setups[world] = new Setup(reminded, cancelled);
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reminders_and_cancellation_notices_reach_exactly_the_readers_the_table_names_and_carry_what_the_label_allows(SensitivityLabel label, Kind kind)
    {
        var setup = await EnsureAsync();
        if (kind == Kind.Stranger)
        {
            return;
        }
        var expected = AccessMatrixTests.Reads[kind][(int)label];
        var address = world.User(kind).Email!;
        foreach (var (workshops, emailKind, what) in new[]
        {
            (setup.Reminded, WorkshopMail.ReminderKind, "reminder"),
            (setup.Cancelled, WorkshopMail.CancelledKind, "notice"),
        })
        {
            var workshopId = workshops[label];
            var messages = await world.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
                .Where(m => m.ToAddress == address && m.Kind == emailKind && m.Attachments.Any(a => a.FileName == $"workshop-{workshopId}.ics")).ToListAsync());
            Assert.Equal(expected ? 1 : 0, messages.Count);
            if (expected)
            {
                AssertCarriesOnlyWhatTheLabelAllows(label, messages[0], TitleOf(label, what), workshopId);
            }
        }
    }

    private static void AssertCarriesOnlyWhatTheLabelAllows(SensitivityLabel label, OutboxMessage message, string title, long workshopId)
    {
        var mime = OutboxSender.ToMime(message, new EmailOptions());
        using var raw = new MemoryStream();
        mime.WriteTo(raw);
        var text = Encoding.UTF8.GetString(raw.ToArray());
        var all = string.Join('\n', message.Subject, message.TextBody, message.HtmlBody, Encoding.UTF8.GetString(message.Attachments.Single().Content));
        var (showsTitle, showsDescription, name, link) = label switch
        {
            SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber => (true, true, title, true),
            SensitivityLabel.AmberStrict => (false, false, "Restricted workshop", true),
            _ => (false, false, "Dialogue workshop", false),
        };
        Assert.Equal(showsTitle, all.Contains(title, StringComparison.Ordinal));
        Assert.Equal(showsDescription, all.Contains($"description of {title}", StringComparison.Ordinal));
        Assert.Contains(name, message.Subject, StringComparison.Ordinal);
        Assert.Equal(link, all.Contains($"/Workshops/{workshopId}", StringComparison.Ordinal));
        Assert.Equal(label is SensitivityLabel.Clear or SensitivityLabel.Green, all.Contains("Room 4, Tsinghua", StringComparison.Ordinal));
        Assert.Contains("text/calendar", text, StringComparison.Ordinal);
        Assert.Equal(name, Assert.Single(CalendarWorld.Parse(Encoding.UTF8.GetString(message.Attachments.Single().Content)).Events).Summary);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_upcoming_workshops_digest_section_lists_exactly_the_workshops_the_table_lets_the_recipient_read(SensitivityLabel label, Kind kind)
    {
        var setup = await EnsureAsync();
        var recipient = kind == Kind.Stranger
            ? new DigestRecipient(DigestRecipientKind.Public, "0", "public@test.dialogue", null, CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc, DigestFrequency.Weekly)
            : new DigestRecipient(DigestRecipientKind.Member, world.User(kind).Id, world.User(kind).Email!, null, CultureInfo.GetCultureInfo("en"),
                TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), DigestFrequency.Weekly);
        var until = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

        var (content, candidates, noneAhead) = await world.WithScopeAsync(async sp =>
        {
            var section = sp.GetServices<IDigestSection>().OfType<UpcomingWorkshopsSection>().Single();
            var later = until.AddYears(6);
            return (await section.BuildAsync(recipient, until.AddDays(-7), until, CancellationToken.None),
                await section.CandidatesAsync([new DigestWindow(recipient, until.AddDays(-7), until)], CancellationToken.None),
                await section.CandidatesAsync([new DigestWindow(recipient, later.AddDays(-7), later)], CancellationToken.None));
        });
        // A batch skips the section only for whoever can have nothing in it: never for a recipient it lists something for.
        Assert.True(content is null || candidates.Contains(recipient.Id));
        Assert.Empty(noneAhead);

        var links = (content?.Items ?? []).Select(i => i.Link).ToList();
        Assert.Equal(AccessMatrixTests.Reads[kind][(int)label], links.Any(l => l.EndsWith($"/Workshops/{setup.Reminded[label]}", StringComparison.Ordinal)));
        Assert.DoesNotContain(links, l => l.EndsWith($"/Workshops/{setup.Cancelled[label]}", StringComparison.Ordinal)); // cancelled: not upcoming
        Assert.All(content?.Items ?? [], item => Assert.True(item.Label == SensitivityLabel.Clear || kind != Kind.Stranger));
        // Each item carries its workshop into the digest's send-time check, with the label it was listed under: a workshop
        // without a discussion thread raised after the digest was queued is redacted like one with a thread.
        Assert.All(content?.Items ?? [], item => Assert.Equal(
            new Dialogue.Web.Infrastructure.Email.CarriedSubject(Dialogue.Data.Email.CarriedSubjectKind.Workshop, long.Parse(item.Link.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), item.Label),
            item.Subject));
    }
}
