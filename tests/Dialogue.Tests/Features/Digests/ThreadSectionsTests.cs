using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Digests;

/// <summary>The real thread sections, built as the recipient through the access policy, then redacted by label.</summary>
public sealed class ThreadSectionsTests
{
    // The factory's clock starts at 09:00 UTC; members here take their digest at 10:00 UTC.
    private static readonly DateTimeOffset TenOClock = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly string LongAmberBody = "Amber opening words. " + new string('x', 40) + " " + string.Join(' ', Enumerable.Repeat("filler", 40)) + " AMBERTAIL";

    private static async Task<string> DigestTextAsync(DigestsFactory factory, DialogueUser member)
    {
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        await factory.SendOutboxAsync();
        var digest = Assert.Single(await factory.DigestsToAsync(member.Email!));
        var (_, message) = await DigestMail.PickedUpAsync(factory, digest);
        return DigestMail.Everything(message);
    }

    [Fact]
    public async Task A_members_digest_holds_the_new_threads_they_may_read_each_redacted_by_its_label()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var open = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var amber = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        var closed = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        foreach (var space in new[] { open, amber })
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        foreach (var space in new[] { open, amber, closed })
        {
            await factory.AddToSpaceAsync(space.Id, author);
        }
        await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Clear, "Clear thread CT1mk7", "Clear opening CT2mk7");
        await factory.StartThreadAsync(open.Id, author, SensitivityLabel.Green, "Green thread GT1mk7", "Green opening GT2mk7");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Amber, "Amber thread AT1mk7", LongAmberBody);
        var strict = await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.AmberStrict, "Strict thread ST1mk7", "Strict opening ST2mk7");
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Red, "Red thread with member RT1mk7", "Red opening RT2mk7", member);
        await factory.StartThreadAsync(amber.Id, author, SensitivityLabel.Red, "Red thread without member RX1mk7", "Red opening RX2mk7");
        await factory.StartThreadAsync(closed.Id, author, SensitivityLabel.Amber, "Amber elsewhere AX1mk7", "Amber elsewhere AX2mk7");

        var all = await DigestTextAsync(factory, member);

        Assert.Contains("Subject: [TLP:RED] Dialogue daily digest", all, StringComparison.Ordinal);
        Assert.Contains("New threads", all, StringComparison.Ordinal);
        Assert.Contains("Clear opening CT2mk7", all, StringComparison.Ordinal);
        Assert.Contains("Green opening GT2mk7", all, StringComparison.Ordinal);
        Assert.Contains("Amber thread AT1mk7", all, StringComparison.Ordinal);
        Assert.Contains("Amber opening words.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("AMBERTAIL", all, StringComparison.Ordinal);
        Assert.Contains("New activity in a restricted thread", all, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/Threads/{strict.Id}", all, StringComparison.Ordinal);
        Assert.Contains("You have activity in a thread, sign in to read it.", all, StringComparison.Ordinal);
        foreach (var withheld in new[] { "ST1mk7", "ST2mk7", "RT1mk7", "RT2mk7", "RX1mk7", "RX2mk7", "AX1mk7", "AX2mk7" })
        {
            Assert.DoesNotContain(withheld, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_outside_the_red_thread_gets_no_trace_of_it()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, "Green thread GT1mk7", "Green opening");
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Red, "Red thread RX1mk7", "Red opening RX2mk7");

        var all = await DigestTextAsync(factory, member);

        Assert.Contains("Subject: [TLP:GREEN] Dialogue daily digest", all, StringComparison.Ordinal);
        Assert.DoesNotContain("sign in to read it", all, StringComparison.Ordinal);
        Assert.DoesNotContain("RX1mk7", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_in_followed_threads_and_mentions_come_from_others_only()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.CreateMemberAsync();
        var other = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, other);
        // Started before the member subscribed: not new in the digest, but followed (authors follow their threads).
        var mine = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, "My question", "What do you think?");
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.SetDigestAsync(member.Id, DigestFrequency.Daily, 10);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.ReplyAsync(mine.Id, other, "First answer RA1mk7");
        await factory.ReplyAsync(mine.Id, member, "My own follow-up MO1mk7");
        await factory.ReplyAsync(mine.Id, other, "Second answer RA2mk7, asking @" + member.Email!.Split('@')[0] + " MN1mk7");

        var all = await DigestTextAsync(factory, member);

        Assert.Contains("Replies in threads you follow", all, StringComparison.Ordinal);
        Assert.Contains("(2 new replies)", all, StringComparison.Ordinal);
        Assert.Contains("Second answer RA2mk7", all, StringComparison.Ordinal);
        Assert.Contains("Mentions of you", all, StringComparison.Ordinal);
        Assert.Contains("@" + member.DisplayName + " MN1mk7", all, StringComparison.Ordinal);
        Assert.Contains("Most active threads", all, StringComparison.Ordinal);
        Assert.Contains("(2 new posts)", all, StringComparison.Ordinal);
        Assert.DoesNotContain("New threads", all, StringComparison.Ordinal);
        Assert.DoesNotContain("MO1mk7", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_own_posts_never_appear_in_their_own_digest()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var other = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, other);
        var monologue = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, "My monologue OWN1", "Thinking aloud OWN2");
        await factory.ReplyAsync(monologue.Id, member, "Still thinking OWN3");
        await factory.ReplyAsync(monologue.Id, member, "Done thinking OWN4");
        var answered = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Green, "My question ANS1", "Please answer OWN5");
        await factory.ReplyAsync(answered.Id, other, "An answer from someone else ANS2");
        await factory.ReplyAsync(answered.Id, other, "And another ANS3");

        var all = await DigestTextAsync(factory, member);

        // A thread they started is listed once others replied; nothing that is only theirs is.
        Assert.Contains("Most active threads", all, StringComparison.Ordinal);
        Assert.Contains("My question ANS1", all, StringComparison.Ordinal);
        Assert.Contains("(2 new posts)", all, StringComparison.Ordinal);
        Assert.DoesNotContain("New threads", all, StringComparison.Ordinal);
        foreach (var own in new[] { "OWN1", "OWN2", "OWN3", "OWN4", "OWN5" })
        {
            Assert.DoesNotContain(own, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_member_who_chose_some_spaces_gets_new_threads_from_those_only()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var chosen = await factory.CreateSpaceAsync(SensitivityLabel.Green, name: "Chosen space " + Guid.NewGuid().ToString("N")[..6]);
        var other = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(chosen.Id, author);
        await factory.AddToSpaceAsync(other.Id, author);
        var client = await factory.SignedInClientAsync(member);
        var settings = await client.GetPageAsync("/Digests/Settings");
        Assert.NotNull(settings.QuerySelector($"#space-{chosen.Id}"));
        await client.SubmitAsync(settings, "/Digests/Settings", new Dictionary<string, string>
        {
            ["Data.Frequency"] = nameof(DigestFrequency.Daily),
            ["Data.LocalHour"] = "10",
            ["Data.AllSpaces"] = "false",
            ["Data.SpaceIds"] = chosen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await factory.StartThreadAsync(chosen.Id, author, SensitivityLabel.Green, "In the chosen space IC1mk7", "Body");
        await factory.StartThreadAsync(other.Id, author, SensitivityLabel.Green, "In another space IO1mk7", "Body");

        var all = await DigestTextAsync(factory, member);

        Assert.Contains("IC1mk7", all, StringComparison.Ordinal);
        Assert.DoesNotContain("IO1mk7", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_digest_holds_clear_threads_only()
    {
        await using var factory = new DigestsFactory();
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        var address = $"public-{Guid.NewGuid():N}@test.dialogue";
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            db.PublicSubscribers.Add(new PublicSubscriber { Email = address, ConfirmationTokenHash = Guid.NewGuid().ToString("N"), ConfirmationSentAt = now, ConfirmedAt = now, CreatedAt = now, NextDueAt = now });
            await db.SaveChangesAsync();
        });
        factory.Clock.Advance(TimeSpan.FromDays(3));
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, "Open to all PC1mk7", "Everyone may read PC2mk7");
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, "Members only PG1mk7", "Members PG2mk7");

        await factory.RunUntilAsync(new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        var digest = Assert.Single(await factory.DigestsToAsync(address));

        Assert.Equal("[TLP:CLEAR] Dialogue public weekly digest", digest.Subject);
        Assert.Contains("Everyone may read PC2mk7", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("PG1mk7", digest.TextBody + digest.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chatham_House_authors_are_not_named_in_email()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, "Under the rule CH1mk7", "Said without a name");
        await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ChathamHouse, true)));

        var all = await DigestTextAsync(factory, member);

        Assert.Contains("Said without a name", all, StringComparison.Ordinal);
        Assert.Contains("A participant", all, StringComparison.Ordinal);
        Assert.DoesNotContain(author.DisplayName, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_in_browser_leaves_out_what_the_member_can_no_longer_read()
    {
        await using var factory = new DigestsFactory();
        var member = await factory.MemberWithDigestAsync(hour: 10);
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Amber, "Amber news AN1mk7", "Amber body");
        await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, "Green news GN1mk7", "Green body");
        await factory.RunUntilAsync(TenOClock.AddMinutes(15));
        var path = Links.PathOf(await factory.LinkInLatestEmailAsync(member.Email!, "/Digests/View/"));
        var client = await factory.SignedInClientAsync(member);
        Assert.Contains("AN1mk7", (await client.GetPageAsync(path)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == space.Id && m.UserId == member.Id).ExecuteDeleteAsync());

        var after = (await client.GetPageAsync(path)).QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("AN1mk7", after, StringComparison.Ordinal);
        Assert.Contains("GN1mk7", after, StringComparison.Ordinal);
    }
}
