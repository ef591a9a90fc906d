using System.Globalization;
using Dialogue.Data.Digests;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Glossary;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Glossary;

public sealed class GlossaryDigestTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task Glossary_changes_in_a_digest_are_only_those_of_glossaries_the_recipient_reads()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, Dialogue.Data.Spaces.SpaceJoinPolicy.Closed);
        var insider = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        var editor = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, insider);
        var open = await ChangedEntryAsync(SensitivityLabel.Clear, null, "open-term-" + Guid.NewGuid().ToString("N")[..8], editor.Id);
        var restricted = await ChangedEntryAsync(SensitivityLabel.Amber, space.Id, "amber-term-" + Guid.NewGuid().ToString("N")[..8], editor.Id);
        var since = factory.Clock.GetUtcNow().AddHours(-1);
        var until = factory.Clock.GetUtcNow().AddHours(1);

        async Task<IReadOnlyList<DigestItem>> ItemsFor(string? userId) => await factory.WithScopeAsync(async sp =>
        {
            var section = sp.GetServices<IDigestSection>().OfType<GlossaryChangesSection>().Single();
            var recipient = new DigestRecipient(userId is null ? DigestRecipientKind.Public : DigestRecipientKind.Member, userId ?? "public",
                "someone@test.dialogue", null, CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc, DigestFrequency.Daily);
            return (IReadOnlyList<DigestItem>)((await section.BuildAsync(recipient, since, until, CancellationToken.None))?.Items ?? []);
        });

        var insiderItems = await ItemsFor(insider.Id);
        Assert.Contains(insiderItems, i => i.Title == open && i.Label == SensitivityLabel.Clear);
        Assert.Contains(insiderItems, i => i.Title == restricted && i.Label == SensitivityLabel.Amber);
        var outsiderItems = await ItemsFor(outsider.Id);
        Assert.Contains(outsiderItems, i => i.Title == open);
        Assert.DoesNotContain(outsiderItems, i => i.Title == restricted);
        Assert.DoesNotContain(await ItemsFor(null), i => i.Title == restricted);
        // The editor's own change is no news to them.
        Assert.DoesNotContain(await ItemsFor(editor.Id), i => i.Title == open);
    }

    [Fact]
    public async Task A_digest_batch_asks_the_glossary_section_only_of_recipients_whose_window_holds_someone_elses_change()
    {
        var editor = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        var away = await factory.CreateMemberAsync();
        // A moment of its own: no other test's change falls in these windows.
        factory.Clock.Advance(TimeSpan.FromDays(400));
        await ChangedEntryAsync(SensitivityLabel.Clear, null, "batch-term-" + Guid.NewGuid().ToString("N")[..8], editor.Id);
        var now = factory.Clock.GetUtcNow();
        DigestWindow Window(string? userId, DateTimeOffset since, DateTimeOffset until) => new(new DigestRecipient(
            userId is null ? DigestRecipientKind.Public : DigestRecipientKind.Member, userId ?? "public-" + since.Ticks, "someone@test.dialogue", null,
            CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc, DigestFrequency.Daily), since, until);
        var readerNow = Window(reader.Id, now.AddMinutes(-1), now.AddMinutes(1));
        var publicNow = Window(null, now.AddMinutes(-1), now.AddMinutes(1));
        var editorNow = Window(editor.Id, now.AddMinutes(-1), now.AddMinutes(1));
        var awayBefore = Window(away.Id, now.AddDays(-2), now.AddDays(-1));

        var candidates = await factory.WithScopeAsync(sp => sp.GetServices<IDigestSection>().OfType<GlossaryChangesSection>().Single()
            .CandidatesAsync([readerNow, publicNow, editorNow, awayBefore], CancellationToken.None));

        Assert.Contains(readerNow.Recipient.Id, candidates);
        Assert.Contains(publicNow.Recipient.Id, candidates);
        Assert.DoesNotContain(editor.Id, candidates);
        Assert.DoesNotContain(away.Id, candidates);
    }

    private Task<string> ChangedEntryAsync(SensitivityLabel label, long? spaceId, string term, string authorId) => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow();
        var glossary = new Dialogue.Data.Glossary.Glossary { Name = "Digest " + term, Label = label, SpaceId = spaceId, CreatedAt = now };
        db.Glossaries.Add(glossary);
        await db.SaveChangesAsync();
        var snapshot = new ConceptSnapshot { Languages = [new LanguageSnapshot { LanguageTag = "en", Terms = [new TermSnapshot { Text = term }] }] };
        var concept = new Concept { GlossaryId = glossary.Id, CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
        snapshot.ApplyTo(concept);
        db.GlossaryConcepts.Add(concept);
        await db.SaveChangesAsync();
        db.GlossaryConceptRevisions.Add(new ConceptRevision { ConceptId = concept.Id, Number = 1, AuthorId = authorId, CreatedAt = now, SnapshotJson = snapshot.ToJson(), Summary = "added" });
        await db.SaveChangesAsync();
        return term;
    });
}
