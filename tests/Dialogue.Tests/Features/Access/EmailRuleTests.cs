using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Tests.Features.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Access;

/// <summary>
/// One rule decides what every outgoing message carries of labelled content (mention, rejection, digest), stricter
/// when the admin's column says so, and a label raised after a message was queued is honoured when it is sent.
/// Assertions are on the raw MIME the pickup transport wrote, as a mail client gets it.
/// </summary>
public sealed class EmailRuleTests
{
    private sealed record LabelWorld(SensitivityLabel Label, DialogueUser Recipient, DialogueUser Moderator, DiscussionThread Thread, string Title);

    private static string Opening(SensitivityLabel label) => $"opening-words-{label} " + string.Concat(Enumerable.Repeat("filler ", 60)) + $"closing-words-{label}";

    private static string Reason(SensitivityLabel label, int n) => $"reason-start-{label}-{n} " + string.Concat(Enumerable.Repeat("because ", 60)) + $"reason-end-{label}-{n}";

    /// <summary>A space of the label, with a moderator, an author and a recipient who may read its one thread (RED: as participants).</summary>
    private static async Task<LabelWorld> LabelWorldAsync(DigestsFactory factory, SensitivityLabel label, string? culture = null)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Closed);
        var author = await factory.CreateMemberAsync();
        var recipient = await factory.MemberWithDigestAsync(hour: 10, culture: culture);
        var moderator = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, recipient);
        await factory.AddToSpaceAsync(space.Id, moderator, SpaceRole.Moderator);
        var title = ThreadsWorld.Unique($"Title-{label}");
        var thread = await factory.StartThreadAsync(space.Id, author, label, title, Opening(label), recipient, moderator);
        return new LabelWorld(label, recipient, moderator, thread, title);
    }

    /// <summary>The mention email the recipient gets for the thread's opening post, written as posting writes it.</summary>
    private static Task<bool> MentionAsync(DigestsFactory factory, LabelWorld world) => factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<DialogueDbContext>();
        var thread = await db.Threads.Include(t => t.Participants).SingleAsync(t => t.Id == world.Thread.Id);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.ThreadId == thread.Id && p.Number == 1);
        await sp.GetRequiredService<Notifier>().PostAddedAsync(Posting.Facts(thread), thread.Id, thread.Title, post, [world.Recipient.Id], CancellationToken.None);
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>The recipient posts a reply that a moderator then rejects with a long reason.</summary>
    private static async Task RejectAsync(DigestsFactory factory, LabelWorld world, string reason)
    {
        var reply = await factory.ReplyAsync(world.Thread.Id, world.Recipient, "a reply to reject");
        await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Pending)));
        var rejected = await factory.WithScopeAsync(async sp =>
        {
            var moderator = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), world.Moderator.Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().RejectAsync(reply.Id, reason, moderator, CancellationToken.None);
        });
        Assert.Equal(ModeratorActions.ReviewOutcome.Done, rejected);
    }

    private static Task<bool> SendTestDigestAsync(DigestsFactory factory, LabelWorld world) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<DigestPreviews>().SendTestAsync(world.Recipient.Id, CancellationToken.None));

    private static Task SetColumnAsync(DigestsFactory factory, SensitivityLabel label, EmailDetail level) => factory.WithDbAsync(async db =>
    {
        var site = await db.DigestEmailSettings.SingleAsync(s => s.Id == DigestEmailSettings.SingletonId);
        switch (label)
        {
            case SensitivityLabel.Clear: site.Clear = level; break;
            case SensitivityLabel.Green: site.Green = level; break;
            case SensitivityLabel.Amber: site.Amber = level; break;
            case SensitivityLabel.AmberStrict: site.AmberStrict = level; break;
            default: site.Red = level; break;
        }
        await db.SaveChangesAsync();
    });

    private static async Task<List<(OutboxMessage Row, string Raw, string Subject)>> SentAfterAsync(DigestsFactory factory, string address, long afterId)
    {
        await factory.SendOutboxAsync();
        var rows = (await factory.OutboxToAsync(address)).Where(m => m.Id > afterId).ToList();
        var sent = new List<(OutboxMessage, string, string)>();
        foreach (var row in rows)
        {
            Assert.NotNull(row.SentAt);
            var (_, mime) = await DigestMail.PickedUpAsync(factory, row);
            sent.Add((row, DigestMail.Everything(mime), mime.Subject ?? ""));
        }
        return sent;
    }

    [Fact]
    public async Task Every_email_kind_carries_for_each_label_and_admin_setting_only_what_the_one_rule_allows()
    {
        await using var factory = new DigestsFactory();
        var cases = 0;
        // Laxest first, so a recipient's digest holds no thread stricter than its own: the subject's label is the thread's.
        foreach (var label in Enum.GetValues<SensitivityLabel>())
        {
            var world = await LabelWorldAsync(factory, label);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            foreach (var level in Enum.GetValues<EmailDetail>().Where(l => l <= EmailRule.MaximumFor(label)))
            {
                await SetColumnAsync(factory, label, level);
                var lastId = (await factory.OutboxToAsync(world.Recipient.Email!)).Select(m => m.Id).DefaultIfEmpty(0).Max();
                var reason = Reason(label, cases);
                await MentionAsync(factory, world);
                await RejectAsync(factory, world, reason);
                await SendTestDigestAsync(factory, world);
                var sent = await SentAfterAsync(factory, world.Recipient.Email!, lastId);
                var because = $"{label} at {level}";

                var byKind = sent.ToLookup(m => m.Row.Kind);
                Assert.True(level == EmailDetail.Nothing ? !byKind[Notifier.MentionEmailKind].Any() : byKind[Notifier.MentionEmailKind].Count() == 1, because);
                Assert.True(level == EmailDetail.Nothing ? !byKind[ModeratorActions.RejectedEmailKind].Any() : byKind[ModeratorActions.RejectedEmailKind].Count() == 1, because);
                Assert.Single(byKind[DigestPreviews.TestKind]);
                foreach (var (row, raw, subject) in sent)
                {
                    var about = $"{because}, {row.Kind}: {raw}";
                    if (level != EmailDetail.Nothing)
                    {
                        Assert.True(subject.StartsWith($"[{LabelTagHelper.Name(label)}] ", StringComparison.Ordinal), about);
                    }
                    Assert.True(raw.Contains(world.Title, StringComparison.Ordinal) == level >= EmailDetail.TitleOnly, about);
                    var (start, end) = row.Kind == ModeratorActions.RejectedEmailKind
                        ? ($"reason-start-{label}-{cases} ", $"reason-end-{label}-{cases}")
                        : ($"opening-words-{label}", $"closing-words-{label}");
                    Assert.True(raw.Contains(start, StringComparison.Ordinal) == level >= EmailDetail.TitleAndExcerpt, about);
                    Assert.True(raw.Contains(end, StringComparison.Ordinal) == (level == EmailDetail.FullText), about);
                    if (label == SensitivityLabel.Red)
                    {
                        Assert.DoesNotContain($"/Threads/{world.Thread.Id}", raw, StringComparison.Ordinal);
                        Assert.DoesNotContain("/Threads/Post/", raw, StringComparison.Ordinal);
                    }
                }
                cases++;
            }
        }
        // CLEAR and GREEN five levels each, AMBER four, AMBER+STRICT and RED two each.
        Assert.Equal(18, cases);
    }

    [Fact]
    public async Task A_queued_mention_email_and_a_queued_digest_are_redacted_when_sent_after_the_thread_is_raised_to_red()
    {
        await using var factory = new DigestsFactory();
        var world = await LabelWorldAsync(factory, SensitivityLabel.Green, culture: "zh-Hans");
        var control = await LabelWorldAsync(factory, SensitivityLabel.Green);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await MentionAsync(factory, world);
        await MentionAsync(factory, control);
        factory.Clock.Advance(new DateTimeOffset(2026, 11, 23, 10, 1, 0, TimeSpan.Zero) - factory.Clock.GetUtcNow());
        Assert.Equal(DeliveryOutcome.Queued, await factory.DeliverAsync(world.Recipient.Id));
        var queued = await factory.OutboxToAsync(world.Recipient.Email!);
        Assert.Equal(2, queued.Count);
        var carried = await factory.WithDbAsync(db => db.OutboxMessageThreads.AsNoTracking().Where(c => c.ThreadId == world.Thread.Id).ToListAsync());
        Assert.Equal(queued.Select(m => m.Id).Order(), carried.Select(c => c.OutboxMessageId).Order());
        Assert.All(carried, c => Assert.Equal(SensitivityLabel.Green, c.Label));
        Assert.All(queued, m => Assert.Equal("zh-Hans", m.Culture));

        var raised = await factory.WithScopeAsync(async sp =>
        {
            var moderator = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), world.Moderator.Id, CancellationToken.None);
            return await sp.GetRequiredService<ModeratorActions>().SetLabelAsync(world.Thread.Id, SensitivityLabel.Red, "now sensitive", moderator, CancellationToken.None);
        });
        Assert.Equal(ModeratorActions.LabelChange.Changed, raised);

        var sent = await SentAfterAsync(factory, world.Recipient.Email!, 0);
        Assert.Equal(2, sent.Count);
        foreach (var (row, raw, subject) in sent)
        {
            Assert.Equal("[TLP:RED] 您在 Dialogue 上有新动态", subject);
            Assert.DoesNotContain(world.Title, raw, StringComparison.Ordinal);
            Assert.DoesNotContain("opening-words", raw, StringComparison.Ordinal);
            Assert.DoesNotContain(world.Moderator.DisplayName, raw, StringComparison.Ordinal);
            Assert.DoesNotContain($"/Threads/{world.Thread.Id}", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("/Threads/Post/", raw, StringComparison.Ordinal);
            Assert.Contains(row.MessageId, raw, StringComparison.Ordinal);
        }
        var digest = Assert.Single(sent, m => m.Row.Kind == DigestDelivery.OutboxKind);
        Assert.Contains("List-Unsubscribe:", digest.Raw, StringComparison.Ordinal);

        // A thread left as it was is sent as written.
        var untouched = Assert.Single(await SentAfterAsync(factory, control.Recipient.Email!, 0));
        Assert.Contains(control.Title, untouched.Subject, StringComparison.Ordinal);
        Assert.Contains("closing-words-Green", untouched.Raw, StringComparison.Ordinal);
    }
}
