using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Tells members about a new post: in-app notifications for watchers and mentioned members, and an email
/// for a mention. Every recipient is judged as themselves through the access policy: who may not read
/// the post gets nothing, and the email carries only what the label allows (<see cref="EmailRule"/>),
/// with quotes resolved as the recipient would see them. In a Chatham House thread the author and every mention are
/// the pseudonyms of the thread, in the recipient's language. Runs on the caller's DbContext, before its save.
/// </summary>
public sealed class Notifier(
    DialogueDbContext db,
    Outbox outbox,
    PostDisplay display,
    NotificationPreferences preferences,
    Privacy.Pseudonyms pseudonyms,
    IStringLocalizer<Text> text,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    public const string MentionEmailKind = "mention";

    public async Task PostAddedAsync(ThreadFacts thread, long threadId, string title, Post post, IReadOnlyList<string> mentioned, CancellationToken ct)
    {
        if (thread.Embargoed || post.EmbargoUntil is not null)
        {
            // Scheduled: nobody hears of it before its release, which calls this again (Privacy/Embargoes).
            return;
        }
        var watchers = await db.Watches.AsNoTracking()
            .Where(w => w.ThreadId == threadId || w.SpaceId == thread.SpaceId)
            .Select(w => w.UserId).Distinct().ToListAsync(ct);
        var recipients = watchers.Concat(mentioned).Where(id => id != post.AuthorId).Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            return;
        }
        var viewers = await ViewerLoader.ForUsersAsync(db, recipients, ct);
        var facts = new PostFacts(thread, post.AuthorId, post.Status);
        var readers = viewers.Values.Where(v => AccessPolicy.Can(v, facts, AccessAction.Read)).Select(v => v.UserId!).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var mentionedReaders = mentioned.Where(readers.Contains).Where(id => id != post.AuthorId).Distinct(StringComparer.Ordinal).ToList();
        var mentionChoices = await preferences.ForAsync(mentionedReaders, NotificationTopic.Mentions, null, ct);
        foreach (var id in mentionedReaders.Where(id => mentionChoices[id].InApp))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = id,
                Kind = NotificationKind.Mention,
                ThreadId = threadId,
                PostId = post.Id,
                ActorId = post.AuthorId,
                CreatedAt = now,
            });
        }
        var kind = post.Number == 1 ? NotificationKind.NewThread : NotificationKind.Reply;
        var watchingReaders = watchers.Where(readers.Contains).Where(id => id != post.AuthorId && !mentionedReaders.Contains(id)).ToList();
        var replyChoices = await preferences.ForAsync(watchingReaders, NotificationTopic.Replies, null, ct);
        foreach (var id in watchingReaders.Where(id => replyChoices[id].InApp))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = id,
                Kind = kind,
                ThreadId = threadId,
                PostId = post.Id,
                ActorId = post.AuthorId,
                CreatedAt = now,
            });
        }
        var emailed = mentionedReaders.Where(id => mentionChoices[id].Email).ToList();
        if (emailed.Count > 0)
        {
            await EmailMentionsAsync(threadId, thread.Label, title, post, emailed, viewers, ct);
        }
    }

    private async Task EmailMentionsAsync(
        long threadId, SensitivityLabel label, string title, Post post, List<string> recipientIds, IReadOnlyDictionary<string, Viewer> viewers, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking()
            .Where(u => recipientIds.Contains(u.Id) || u.Id == post.AuthorId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.UiCulture })
            .ToListAsync(ct);
        var chatham = await db.Threads.AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => t.ChathamHouse
                ? new { On = true, Number = db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == post.AuthorId).Select(x => (int?)x.Number).FirstOrDefault() }
                : new { On = false, Number = (int?)null })
            .SingleAsync(ct);
        var realName = people.FirstOrDefault(p => p.Id == post.AuthorId)?.DisplayName;
        var level = EmailRule.LevelFor(label, await EmailRule.SiteAsync(db, ct));
        if (level == EmailDetail.Nothing)
        {
            // The admin sends nothing of this label by email: the in-app notification is all there is.
            return;
        }
        foreach (var recipient in people.Where(p => recipientIds.Contains(p.Id) && p.Email is not null))
        {
            // Pseudonyms are words of the recipient's language.
            using var language = Digests.CultureScope.Use(SupportedCultures.For(recipient.UiCulture));
            var actor = chatham.On ? pseudonyms.Name(chatham.Number) : realName;
            string? body = null;
            if (level >= EmailDetail.TitleAndExcerpt)
            {
                // The recipient's own view of the post: a quote they may not read stays out.
                var html = await display.ResolveAsync(post.Html, viewers[recipient.Id], ct, chatham.On ? threadId : null);
                var plain = EmailRenderer.ToText(html).Trim();
                body = level == EmailDetail.FullText ? plain : EmailRule.Excerpt(plain);
            }
            // RED: not even a link, which would name the thread.
            var link = label == SensitivityLabel.Red
                ? app.Value.Link("/Threads/Notifications")
                : app.Value.Link($"/Threads/Post/{post.Id}");
            var named = EmailRule.NamesThread(level);
            var parameters = new Dictionary<string, object?>
            {
                [nameof(MentionEmail.Level)] = level,
                [nameof(MentionEmail.Label)] = label,
                [nameof(MentionEmail.RecipientName)] = recipient.DisplayName,
                [nameof(MentionEmail.ActorName)] = level >= EmailDetail.TitleAndExcerpt ? actor : null,
                [nameof(MentionEmail.Title)] = named ? EmailRule.Title(title) : null,
                [nameof(MentionEmail.Body)] = body,
                [nameof(MentionEmail.Link)] = link,
            };
            await outbox.AddAsync<MentionEmail>(
                new EmailRecipient(recipient.Email!, recipient.DisplayName, SupportedCultures.For(recipient.UiCulture)),
                MentionEmailKind,
                () => EmailRule.Subject(label, level switch
                {
                    >= EmailDetail.TitleAndExcerpt => text["{0} mentioned you in “{1}”", actor ?? "", EmailRule.Title(title)],
                    EmailDetail.TitleOnly => text["You were mentioned in “{0}”", EmailRule.Title(title)],
                    _ when label != SensitivityLabel.Red => text["New activity in a restricted thread"],
                    _ => text["You have new activity on Dialogue"],
                }),
                parameters,
                threads: [new CarriedThread(threadId, label)]);
        }
    }
}
