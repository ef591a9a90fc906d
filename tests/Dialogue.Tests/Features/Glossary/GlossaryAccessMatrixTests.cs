using System.Net;
using System.Runtime.CompilerServices;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Glossary;

/// <summary>
/// Every glossary surface — the list, the glossary page, its index, an entry, its history and a diff, the site search,
/// the proposal form and list, a proposal, and a notification about it — shows or hides a glossary of each label to
/// each kind of viewer exactly as the thread table says. The RED glossary's appointed editor is the RED participant.
/// </summary>
public sealed class GlossaryAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private sealed record Seeded(long GlossaryId, string Name, long ConceptId, string Term, string Definition, long ProposalId);

    private static readonly ConditionalWeakTable<AccessMatrixTests.World, Task<Dictionary<SensitivityLabel, Seeded>>> Worlds = [];

    public static TheoryData<SensitivityLabel, Kind> Cases() => AccessMatrixTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_glossary_surface_shows_or_hides_the_glossary_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        var seeded = (await SeedAsync())[label];
        var expected = AccessMatrixTests.Reads[kind][(int)label];
        var client = await world.ClientAsync(kind);
        var status = expected ? HttpStatusCode.OK : HttpStatusCode.NotFound;

        Assert.Equal(expected, (await client.GetStringAsync("/Glossary")).Contains(seeded.Name, StringComparison.Ordinal));

        var page = await client.GetAsync($"/Glossary/{seeded.GlossaryId}");
        Assert.Equal(status, page.StatusCode);
        Assert.Equal(expected, (await page.Content.ReadAsStringAsync()).Contains(seeded.Term, StringComparison.Ordinal));
        var index = await client.GetAsync($"/Glossary/{seeded.GlossaryId}?index=en");
        Assert.Equal(status, index.StatusCode);

        var concept = await client.GetAsync($"/Glossary/Concept/{seeded.ConceptId}");
        Assert.Equal(status, concept.StatusCode);
        Assert.Equal(expected, (await concept.Content.ReadAsStringAsync()).Contains(seeded.Definition, StringComparison.Ordinal));

        var history = await client.GetAsync($"/Glossary/History?conceptId={seeded.ConceptId}");
        Assert.Equal(status, history.StatusCode);
        var diff = await client.GetAsync($"/Glossary/Diff?conceptId={seeded.ConceptId}&from=1&to=2");
        Assert.Equal(status, diff.StatusCode);
        Assert.Equal(expected, (await diff.Content.ReadAsStringAsync()).Contains(seeded.Definition, StringComparison.Ordinal));

        // The site search finds the term only for readers, in its own group.
        Assert.Equal(expected, (await client.GetStringAsync($"/Search?q={seeded.Term}")).Contains($"/Glossary/Concept/{seeded.ConceptId}\"", StringComparison.Ordinal));

        if (kind == Kind.Stranger)
        {
            var stranger = world.Factory.CreateBrowser(followRedirects: false);
            var propose = await stranger.GetAsync($"/Glossary/Propose?glossaryId={seeded.GlossaryId}");
            Assert.Equal(HttpStatusCode.Redirect, propose.StatusCode);
            Assert.Contains("/Accounts/SignIn", propose.Headers.Location!.ToString(), StringComparison.Ordinal);
            return;
        }
        Assert.Equal(status, (await client.GetAsync($"/Glossary/Propose?glossaryId={seeded.GlossaryId}&conceptId={seeded.ConceptId}")).StatusCode);
        Assert.Equal(status, (await client.GetAsync($"/Glossary/Proposals?glossaryId={seeded.GlossaryId}")).StatusCode);

        // A proposal (by someone else) is for the glossary's curators: space moderators, admins, its appointed editors.
        var curates = expected && (kind is Kind.SpaceModerator or Kind.Admin || (kind == Kind.RedParticipant && label == SensitivityLabel.Red));
        Assert.Equal(curates ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/Glossary/Proposal/{seeded.ProposalId}")).StatusCode);
        var edit = await client.GetAsync($"/Glossary/Edit?glossaryId={seeded.GlossaryId}");
        Assert.Equal(!expected ? HttpStatusCode.NotFound : kind is Kind.SpaceModerator or Kind.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, edit.StatusCode);

        // A notification about the proposal names the glossary only while the recipient may read it.
        Assert.Equal(expected, (await client.GetStringAsync("/Threads/Notifications")).Contains(seeded.Name, StringComparison.Ordinal));
    }

    private Task<Dictionary<SensitivityLabel, Seeded>> SeedAsync()
    {
        lock (Worlds)
        {
            if (!Worlds.TryGetValue(world, out var seeding))
            {
                seeding = SeedWorldAsync();
                Worlds.Add(world, seeding);
            }
            return seeding;
        }
    }

    private async Task<Dictionary<SensitivityLabel, Seeded>> SeedWorldAsync()
    {
        await world.EnsureAsync();
        var seeded = new Dictionary<SensitivityLabel, Seeded>();
        foreach (var label in Enum.GetValues<SensitivityLabel>())
        {
            var suffix = Guid.NewGuid().ToString("N")[..10];
            var term = $"matrixterm{label.ToString().ToLowerInvariant()}{suffix}";
            var definition = $"secret-definition-of-{label}-glossary";
            var name = $"Glossary-{label}-{suffix}";
            seeded[label] = await world.WithDbAsync(async db =>
            {
                var now = world.Clock.GetUtcNow();
                var glossary = new Dialogue.Data.Glossary.Glossary { Name = name, SpaceId = world.Space.Id, Label = label, CreatedAt = now };
                if (label == SensitivityLabel.Red)
                {
                    glossary.Editors.Add(new GlossaryEditor { UserId = world.User(Kind.RedParticipant).Id, AppointedAt = now });
                }
                db.Glossaries.Add(glossary);
                await db.SaveChangesAsync();
                var first = new ConceptSnapshot
                {
                    SubjectField = "matrix",
                    Languages = [new LanguageSnapshot { LanguageTag = "en", Definition = "first version", Terms = [new TermSnapshot { Text = term, Status = TermStatus.Preferred }] }],
                };
                var second = first with { Languages = [first.Languages[0] with { Definition = definition }] };
                var concept = new Concept { GlossaryId = glossary.Id, CreatedAt = now, UpdatedAt = now, RevisionNumber = 2 };
                second.ApplyTo(concept);
                db.GlossaryConcepts.Add(concept);
                await db.SaveChangesAsync();
                db.GlossaryConceptRevisions.AddRange(
                    new ConceptRevision { ConceptId = concept.Id, Number = 1, CreatedAt = now, SnapshotJson = first.ToJson() },
                    new ConceptRevision { ConceptId = concept.Id, Number = 2, CreatedAt = now, SnapshotJson = second.ToJson() });
                var proposal = new GlossaryProposal
                {
                    GlossaryId = glossary.Id,
                    ConceptId = concept.Id,
                    ProposerId = world.Author.Id,
                    SnapshotJson = second.ToJson(),
                    Status = ProposalStatus.Accepted,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.GlossaryProposals.Add(proposal);
                await db.SaveChangesAsync();
                foreach (var kind in Enum.GetValues<Kind>().Where(k => k != Kind.Stranger))
                {
                    var notification = new Notification { RecipientId = world.User(kind).Id, Kind = NotificationKind.GlossaryProposalAccepted, ActorId = world.Author.Id, CreatedAt = now };
                    db.Notifications.Add(notification);
                    db.Entry(notification).Property(GlossaryNotificationConfiguration.ProposalId).CurrentValue = proposal.Id;
                }
                await db.SaveChangesAsync();
                return new Seeded(glossary.Id, name, concept.Id, term, definition, proposal.Id);
            });
        }
        return seeded;
    }
}
