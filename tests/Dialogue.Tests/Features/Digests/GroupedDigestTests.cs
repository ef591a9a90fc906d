using System.Text.Json;
using System.Text.RegularExpressions;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Digests.ThreadSections;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Dialogue.Tests.Features.Digests;

/// <summary>
/// A batch builds the shared sections once for every recipient who reads alike and renders each distinct email once:
/// every recipient must still get, byte for byte, the digest built for them alone through the access policy.
/// </summary>
public sealed class GroupedDigestTests
{
    // The factory's clock starts on Monday 23 November 2026 at 09:00 UTC; members below get their digest at 10:00 UTC.
    private static readonly DateTimeOffset TenPastTen = new(2026, 11, 23, 10, 1, 0, TimeSpan.Zero);

    // The public digest goes out on Mondays at 08:00 UTC.
    private static readonly DateTimeOffset NextMondayEight = new(2026, 11, 30, 8, 1, 0, TimeSpan.Zero);

    private static readonly string[] PublicCultures = ["en", "en", "zh-Hans"];

    private sealed record World(
        DigestsFactory Factory,
        DialogueUser PlainOne,
        DialogueUser PlainTwo,
        DialogueUser InShanghai,
        DialogueUser InChinese,
        DialogueUser Outsider,
        DialogueUser Chooser,
        DialogueUser RedParticipant,
        DialogueUser Replier,
        IReadOnlyList<PublicSubscriber> Public)
    {
        public DialogueUser[] Members => [PlainOne, PlainTwo, InShanghai, InChinese, Outsider, Chooser, RedParticipant, Replier];
    }

    // Members of one batch who read differently (space memberships, RED participation, their own posts, chosen spaces,
    // language, time zone), two public subscribers without an account, and content of every label, some of it busy.
    private static async Task<World> WorldAsync(DigestsFactory factory)
    {
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        var starter = await factory.CreateMemberAsync();
        var plainOne = await factory.MemberWithDigestAsync(hour: 10);
        var plainTwo = await factory.MemberWithDigestAsync(hour: 10);
        var inShanghai = await factory.MemberWithDigestAsync(hour: 18, zone: "Asia/Shanghai");
        var inChinese = await factory.MemberWithDigestAsync(hour: 10, culture: "zh-Hans");
        var outsider = await factory.MemberWithDigestAsync(hour: 10);
        var chooser = await factory.MemberWithDigestAsync(hour: 10);
        var redParticipant = await factory.MemberWithDigestAsync(hour: 10);
        var replier = await factory.MemberWithDigestAsync(hour: 10);
        foreach (var member in new[] { starter, plainOne, plainTwo, inShanghai, inChinese, outsider, chooser, redParticipant, replier })
        {
            await factory.AddToSpaceAsync(open.Id, member);
            if (member != outsider)
            {
                await factory.AddToSpaceAsync(amber.Id, member);
            }
        }
        await factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SettingsModel.Handler>().SaveAsync(chooser.Id,
                new SettingsModel.Command { Frequency = DigestFrequency.Daily, LocalHour = 10, AllSpaces = false, SpaceIds = [open.Id] }, CancellationToken.None);
            return true;
        });

        var green = await factory.StartThreadAsync(open.Id, starter, SensitivityLabel.Green, "Green thread GreenTitleQ1", "Green opening GreenBodyQ2 mentions evaluations.");
        await factory.StartThreadAsync(open.Id, starter, SensitivityLabel.Clear, "Clear thread ClearTitleQ1", "Clear opening ClearBodyQ2.\n\nA second paragraph.");
        await factory.StartThreadAsync(amber.Id, starter, SensitivityLabel.Amber, "Amber thread AmberTitleQ1", "Amber opening AmberBodyQ2");
        await factory.StartThreadAsync(amber.Id, starter, SensitivityLabel.AmberStrict, "Strict thread StrictTitleQ1", "Strict opening StrictBodyQ2");
        await factory.StartThreadAsync(amber.Id, starter, SensitivityLabel.Red, "Red thread RedTitleQ1", "Red opening RedBodyQ2", redParticipant);
        // Two replies by one member make the green thread the busiest for everyone else, and not for that member.
        await factory.ReplyAsync(green.Id, replier, "A reply GreenReplyQ1 about the evaluation.");
        // One member follows the green thread and is mentioned in it: those two sections are theirs alone.
        await factory.WithDbAsync(db =>
        {
            db.Watches.Add(new Watch { UserId = plainTwo.Id, ThreadId = green.Id, CreatedAt = factory.Clock.GetUtcNow() });
            return db.SaveChangesAsync();
        });
        await factory.ReplyAsync(green.Id, replier, "Another reply GreenReplyQ2, asking @" + plainTwo.Email!.Split('@')[0] + " MentionQ3.");

        var subscribers = new List<PublicSubscriber>();
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            foreach (var culture in PublicCultures)
            {
                var subscriber = new PublicSubscriber
                {
                    Email = $"public-{Guid.NewGuid():N}@test.dialogue",
                    UiCulture = culture,
                    ConfirmationTokenHash = Guid.NewGuid().ToString("N"),
                    ConfirmationSentAt = now,
                    ConfirmedAt = now,
                    CreatedAt = now,
                    NextDueAt = now,
                };
                db.PublicSubscribers.Add(subscriber);
                subscribers.Add(subscriber);
            }
            await db.SaveChangesAsync();
        });
        return new World(factory, plainOne, plainTwo, inShanghai, inChinese, outsider, chooser, redParticipant, replier, subscribers);
    }

    private static DigestBatch MembersOf(World world) => new(DigestRecipientKind.Member, [.. world.Members.Select(m => m.Id)]);

    private static DigestBatch PublicOf(World world) =>
        new(DigestRecipientKind.Public, [.. world.Public.Select(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    [Fact]
    public async Task Every_recipient_of_a_grouped_batch_gets_exactly_the_digest_built_for_them_alone()
    {
        await using var factory = new DigestsFactory();
        var world = await WorldAsync(factory);

        factory.Clock.Advance(TenPastTen - factory.Clock.GetUtcNow());
        Assert.Equal(world.Members.Length, (await factory.RunBatchAsync(MembersOf(world))).GetValueOrDefault(DeliveryOutcome.Queued));
        factory.Clock.Advance(NextMondayEight - factory.Clock.GetUtcNow());
        Assert.Equal(world.Public.Count, (await factory.RunBatchAsync(PublicOf(world))).GetValueOrDefault(DeliveryOutcome.Queued));

        foreach (var member in world.Members)
        {
            await AssertSameAsBuiltAloneAsync(factory, DigestRecipientKind.Member, member.Id, member.Email!);
        }
        foreach (var subscriber in world.Public)
        {
            await AssertSameAsBuiltAloneAsync(factory, DigestRecipientKind.Public, subscriber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), subscriber.Email);
        }

        // And what each read is still what the policy shows them.
        async Task<string> TextOf(string address) => Assert.Single(await factory.DigestsToAsync(address)).TextBody!;
        var plain = await TextOf(world.PlainOne.Email!);
        Assert.Contains("Amber thread AmberTitleQ1", plain, StringComparison.Ordinal);
        Assert.Contains("Green thread GreenTitleQ1", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("RedTitleQ1", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("sign in to read it", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("AmberTitleQ1", await TextOf(world.Outsider.Email!), StringComparison.Ordinal);
        Assert.DoesNotContain("AmberTitleQ1", await TextOf(world.Chooser.Email!), StringComparison.Ordinal);
        Assert.Contains("sign in to read it", await TextOf(world.RedParticipant.Email!), StringComparison.Ordinal);
        Assert.DoesNotContain("RedTitleQ1", await TextOf(world.RedParticipant.Email!), StringComparison.Ordinal);
        Assert.Contains("3 new posts", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Mentions of you", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Replies in threads you follow", plain, StringComparison.Ordinal);
        var followed = await TextOf(world.PlainTwo.Email!);
        Assert.Contains("Mentions of you", followed, StringComparison.Ordinal);
        Assert.Contains("Replies in threads you follow", followed, StringComparison.Ordinal);
        Assert.Contains("MentionQ3", followed, StringComparison.Ordinal);
        Assert.DoesNotContain("new posts", await TextOf(world.Replier.Email!), StringComparison.Ordinal);
        var publicText = await TextOf(world.Public[0].Email);
        Assert.Contains("Clear opening ClearBodyQ2", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("GreenTitleQ1", publicText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_who_read_alike_share_a_stand_in_those_the_policy_knows_by_their_own_id_are_built_alone_and_follows_and_mentions_are_asked_only_of_who_has_some()
    {
        await using var factory = new DigestsFactory();
        var world = await WorldAsync(factory);
        factory.Clock.Advance(TenPastTen - factory.Clock.GetUtcNow());
        var since = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var until = factory.Clock.GetUtcNow();

        var (members, publics) = await factory.WithScopeAsync(async sp =>
        {
            var recipients = sp.GetRequiredService<DigestRecipients>();
            var composer = sp.GetRequiredService<DigestComposer>();
            var found = await recipients.FindActiveAsync(DigestRecipientKind.Member, [.. world.Members.Select(m => m.Id)], CancellationToken.None);
            var members = await composer.PlanAsync([.. world.Members.Select(m => new DigestWindow(found[m.Id].Recipient, since, until))], CancellationToken.None);
            var ids = PublicOf(world).Ids;
            var foundPublic = await recipients.FindActiveAsync(DigestRecipientKind.Public, ids, CancellationToken.None);
            var publics = await composer.PlanAsync([.. ids.Select(id => new DigestWindow(foundPublic[id].Recipient, since, until))], CancellationToken.None);
            return (members, publics);
        });
        var of = world.Members.Zip(members).ToDictionary(x => x.First, x => x.Second.StandIn);
        var skipped = world.Members.Zip(members).ToDictionary(x => x.First, x => x.Second.NothingFor.Select(s => s.GetType()).ToHashSet());

        Assert.NotNull(of[world.PlainOne]);
        Assert.Same(of[world.PlainOne], of[world.PlainTwo]);
        // The time zone changes the rendering, not what is read.
        Assert.Same(of[world.PlainOne], of[world.InShanghai]);
        Assert.NotSame(of[world.PlainOne], of[world.InChinese]);
        Assert.NotSame(of[world.PlainOne], of[world.Outsider]);
        Assert.NotSame(of[world.PlainOne], of[world.Chooser]);
        Assert.Null(of[world.RedParticipant]);
        Assert.Null(of[world.Replier]);
        // No glossary entry changed and no workshop is ahead in this world: nobody is asked for those.
        Assert.Equal([typeof(FollowedRepliesSection), typeof(Dialogue.Web.Features.Glossary.GlossaryChangesSection), typeof(MentionsSection), typeof(Dialogue.Web.Features.Workshops.UpcomingWorkshopsSection)],
            skipped[world.PlainOne].OrderBy(t => t.Name));
        Assert.Equal([typeof(Dialogue.Web.Features.Glossary.GlossaryChangesSection), typeof(Dialogue.Web.Features.Workshops.UpcomingWorkshopsSection)], skipped[world.PlainTwo].OrderBy(t => t.Name));
        foreach (var standIn in members.Select(m => m.StandIn).OfType<DigestRecipient>())
        {
            Assert.DoesNotContain(standIn.Id, world.Members.Select(m => m.Id));
            Assert.False(standIn.IncludeFollowedThreads);
        }
        Assert.Same(publics[0].StandIn, publics[1].StandIn);
        Assert.NotSame(publics[0].StandIn, publics[2].StandIn);
        Assert.True(publics[0].StandIn!.IsPublic);
    }

    [Fact]
    public async Task A_batched_digest_carries_the_glossary_it_shows_with_its_label_so_a_raise_before_sending_can_redact_it()
    {
        await using var factory = new DigestsFactory();
        var one = await factory.MemberWithDigestAsync(hour: 10);
        var two = await factory.MemberWithDigestAsync(hour: 10);
        var editor = await factory.CreateMemberAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var term = "carried-term-" + Guid.NewGuid().ToString("N")[..8];
        var glossaryId = await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var glossary = new Dialogue.Data.Glossary.Glossary { Name = "Carried " + term, Label = SensitivityLabel.Green, CreatedAt = now };
            db.Glossaries.Add(glossary);
            await db.SaveChangesAsync();
            var snapshot = new Dialogue.Data.Glossary.ConceptSnapshot { Languages = [new Dialogue.Data.Glossary.LanguageSnapshot { LanguageTag = "en", Terms = [new Dialogue.Data.Glossary.TermSnapshot { Text = term }] }] };
            var concept = new Dialogue.Data.Glossary.Concept { GlossaryId = glossary.Id, CreatedAt = now, UpdatedAt = now, RevisionNumber = 1 };
            snapshot.ApplyTo(concept);
            db.GlossaryConcepts.Add(concept);
            await db.SaveChangesAsync();
            db.GlossaryConceptRevisions.Add(new Dialogue.Data.Glossary.ConceptRevision { ConceptId = concept.Id, Number = 1, AuthorId = editor.Id, CreatedAt = now, SnapshotJson = snapshot.ToJson(), Summary = "added" });
            await db.SaveChangesAsync();
            return glossary.Id;
        });

        factory.Clock.Advance(TenPastTen - factory.Clock.GetUtcNow());
        Assert.Equal(2, (await factory.RunBatchAsync(new(DigestRecipientKind.Member, [one.Id, two.Id]))).GetValueOrDefault(DeliveryOutcome.Queued));

        foreach (var member in new[] { one, two })
        {
            var message = Assert.Single(await factory.DigestsToAsync(member.Email!));
            Assert.Contains(term, message.TextBody, StringComparison.Ordinal);
            var carried = Assert.Single(await factory.WithDbAsync(db => db.OutboxMessageSubjects.AsNoTracking().Where(s => s.OutboxMessageId == message.Id).ToListAsync()));
            Assert.Equal((CarriedSubjectKind.Glossary, glossaryId, SensitivityLabel.Green), (carried.Kind, carried.SubjectId, carried.Label));
        }
    }

    private static async Task AssertSameAsBuiltAloneAsync(DigestsFactory factory, DigestRecipientKind kind, string id, string address)
    {
        var entry = Assert.Single(await factory.LedgerOfAsync(id), l => l.RecipientKind == kind);
        var message = Assert.Single(await factory.DigestsToAsync(address));
        var carried = await factory.WithDbAsync(db => db.OutboxMessageThreads.AsNoTracking()
            .Where(t => t.OutboxMessageId == message.Id).OrderBy(t => t.ThreadId).Select(t => new CarriedThread(t.ThreadId, t.Label)).ToListAsync());
        var alone = await factory.WithScopeAsync(async sp =>
        {
            var recipient = (await sp.GetRequiredService<DigestRecipients>().FindActiveAsync(kind, id, CancellationToken.None))!.Recipient;
            var view = await sp.GetRequiredService<DigestComposer>().ComposeAsync(recipient, entry.Since!.Value, entry.Until!.Value, CancellationToken.None);
            var delivery = sp.GetRequiredService<DigestDelivery>();
            var links = delivery.LinksFor(recipient, entry.Id);
            using var language = CultureScope.Use(recipient.Culture);
            var rendered = await sp.GetRequiredService<EmailRenderer>().RenderAsync<DigestEmail>(new Dictionary<string, object?>
            {
                [nameof(DigestEmail.View)] = view,
                [nameof(DigestEmail.Links)] = links,
            });
            return (
                Token: links.UnsubscribeToken!,
                Subject: DigestSubject.For(view, sp.GetRequiredService<IStringLocalizer<Text>>()),
                rendered.Html,
                rendered.Text,
                Headers: JsonSerializer.Serialize(delivery.HeadersFor(recipient, links)),
                Threads: view.Threads.OrderBy(t => t.ThreadId).ToList());
        });

        // Every unsubscribe token is freshly encrypted: the sent one must be this recipient's, and the rest equal.
        var sentToken = Uri.UnescapeDataString(Regex.Match(JsonSerializer.Deserialize<Dictionary<string, string>>(message.HeadersJson!)!["List-Unsubscribe"], "token=([^>]+)>").Groups[1].Value);
        Assert.Equal(new UnsubscribeTarget(kind, id, address), factory.Services.GetRequiredService<UnsubscribeTokens>().Read(sentToken));
        string Sent(string? part) => part!.Replace(Uri.EscapeDataString(sentToken), "TOKEN", StringComparison.Ordinal);
        string Alone(string part) => part.Replace(Uri.EscapeDataString(alone.Token), "TOKEN", StringComparison.Ordinal);

        Assert.Equal(DigestLedgerStatus.Queued, entry.Status);
        Assert.Equal(alone.Subject, message.Subject);
        Assert.Equal(Alone(alone.Html), Sent(message.HtmlBody));
        Assert.Equal(Alone(alone.Text), Sent(message.TextBody));
        Assert.Equal(Alone(alone.Headers), Sent(message.HeadersJson));
        Assert.Equal(alone.Threads, carried);
        Assert.Contains($"/Digests/Unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
    }
}
