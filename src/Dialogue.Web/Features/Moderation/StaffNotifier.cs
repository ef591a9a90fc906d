using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Moderation;

/// <summary>
/// Tells staff that work waits for them: a held post, a flag, a join request, an account to approve. Each candidate
/// is judged as themselves through the access policy (a moderator who may not read a RED thread never hears of its
/// held post). Each is told in the app and by email (through the outbox and <see cref="EmailRule"/>) as their
/// <see cref="NotificationPreferences"/> say: by default admins get the email and moderators do not.
/// Runs on the caller's DbContext; the caller saves.
/// </summary>
public sealed class StaffNotifier(
    DialogueDbContext db,
    Outbox outbox,
    NotificationPreferences preferences,
    IStringLocalizer<Text> text,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    public const string EmailKind = "staff-work";

    public Task PostHeldAsync(ThreadFacts thread, long threadId, string title, Post post, CancellationToken ct) =>
        PostWorkAsync(NotificationKind.PostHeld, thread, threadId, title, post.Id, post.AuthorId, post.Status, post.AuthorId, ct, post.EmbargoUntil is not null);

    /// <summary>A member flagged a post; staff who already have an unread notice about this post's flags get no second one.</summary>
    public async Task PostFlaggedAsync(long postId, string flaggedById, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Include(p => p.Thread!).ThenInclude(t => t.Participants)
            .SingleAsync(p => p.Id == postId, ct);
        var thread = post.Thread!;
        var facts = new ThreadFacts(thread.SpaceId, thread.Label, thread.AuthorId, [.. thread.Participants.Select(p => p.UserId)], thread.Status,
            thread.LockedAt is not null, thread.ClosedAt is not null, thread.EmbargoUntil is not null);
        await PostWorkAsync(NotificationKind.PostFlagged, facts, thread.Id, thread.Title, post.Id, post.AuthorId, post.Status, flaggedById, ct, post.EmbargoUntil is not null);
    }

    public async Task JoinRequestedAsync(long spaceId, string requesterId, CancellationToken ct)
    {
        var candidates = await StaffAsync([Roles.Admin], spaceId, ct);
        var staff = (await ViewerLoader.ForUsersAsync(db, candidates, ct)).Values
            .Where(v => v.UserId != requesterId && AccessPolicy.CanManageMembers(v, spaceId)).ToList();
        var space = await db.Spaces.AsNoTracking().Where(s => s.Id == spaceId).Select(s => new { s.Name, s.DefaultLabel }).SingleAsync(ct);
        var requester = await DisplayNameAsync(requesterId, ct);
        var level = EmailRule.LevelFor(space.DefaultLabel, await EmailRule.SiteAsync(db, ct));
        // The space's name is shown to every member, but an email about a restricted space names it only where its label allows.
        var named = EmailRule.NamesThread(level);
        await NotifyAsync(staff, NotificationKind.JoinRequested, null, null, spaceId, requesterId, level == EmailDetail.Nothing ? null : new Mail(
            space.DefaultLabel,
            () => named ? text["{0} asks to join {1}", requester, space.Name] : text["A member asks to join a space you manage"],
            new Dictionary<string, object?>
            {
                [nameof(StaffWorkEmail.Kind)] = NotificationKind.JoinRequested,
                [nameof(StaffWorkEmail.ActorName)] = named ? requester : null,
                [nameof(StaffWorkEmail.Subject)] = named ? space.Name : null,
                [nameof(StaffWorkEmail.Link)] = app.Value.Link($"/Spaces/Members?spaceId={spaceId}"),
            },
            null), ct);
    }

    public async Task AccountAwaitingApprovalAsync(string userId, CancellationToken ct)
    {
        var candidates = await StaffAsync([Roles.Admin], null, ct);
        var admins = (await ViewerLoader.ForUsersAsync(db, candidates, ct)).Values.Where(v => v.IsApproved && v.IsAdmin).ToList();
        var name = await DisplayNameAsync(userId, ct);
        await NotifyAsync(admins, NotificationKind.AccountAwaitingApproval, null, null, null, userId, new Mail(
            null,
            () => text["{0} registered and waits for approval", name],
            new Dictionary<string, object?>
            {
                [nameof(StaffWorkEmail.Kind)] = NotificationKind.AccountAwaitingApproval,
                [nameof(StaffWorkEmail.ActorName)] = name,
                [nameof(StaffWorkEmail.Link)] = app.Value.Link("/Admin/Members?Status=PendingApproval"),
            },
            null), ct);
    }

    private sealed record Mail(SensitivityLabel? Label, Func<string> Subject, Dictionary<string, object?> Parameters, CarriedThread? Thread);

    private async Task PostWorkAsync(NotificationKind kind, ThreadFacts thread, long threadId, string title, long postId, string authorId,
        PostStatus status, string actorId, CancellationToken ct, bool scheduled = false)
    {
        var candidates = await StaffAsync([Roles.Admin, Roles.Moderator], thread.SpaceId, ct);
        var facts = new PostFacts(thread, authorId, status, Embargoed: scheduled);
        var staff = (await ViewerLoader.ForUsersAsync(db, candidates, ct)).Values
            .Where(v => v.UserId != actorId && AccessPolicy.Can(v, facts, AccessAction.Moderate)).ToList();
        var level = EmailRule.LevelFor(thread.Label, await EmailRule.SiteAsync(db, ct));
        var named = EmailRule.NamesThread(level);
        // Under the Chatham House Rule the email names nobody, not even to staff: the actor is their pseudonym in the thread.
        var chatham = await db.Threads.AsNoTracking().Where(t => t.Id == threadId)
            .Select(t => new { t.ChathamHouse, Number = db.ThreadPseudonyms.Where(x => x.ThreadId == t.Id && x.UserId == actorId).Select(x => (int?)x.Number).FirstOrDefault() })
            .SingleAsync(ct);
        var actor = level >= EmailDetail.TitleAndExcerpt && !chatham.ChathamHouse ? await DisplayNameAsync(actorId, ct) : null;
        Func<string> subject = kind == NotificationKind.PostHeld
            ? () => named ? text["A post in “{0}” waits for review", EmailRule.Title(title)] : text["A post in a restricted thread waits for review"]
            : () => named ? text["A post in “{0}” was flagged", EmailRule.Title(title)] : text["A post in a restricted thread was flagged"];
        // Scheduled content is told to its moderators in the app only: no email mentions it before it is released.
        var emailed = level != EmailDetail.Nothing && !scheduled && !thread.Embargoed;
        await NotifyAsync(staff, kind, threadId, postId, null, actorId, !emailed ? null : new Mail(
            thread.Label,
            subject,
            new Dictionary<string, object?>
            {
                [nameof(StaffWorkEmail.Kind)] = kind,
                [nameof(StaffWorkEmail.ActorName)] = actor,
                [nameof(StaffWorkEmail.ActorPseudonymous)] = chatham.ChathamHouse && level >= EmailDetail.TitleAndExcerpt,
                [nameof(StaffWorkEmail.ActorPseudonym)] = chatham.ChathamHouse ? chatham.Number : null,
                [nameof(StaffWorkEmail.Subject)] = named ? EmailRule.Title(title) : null,
                // The queue lists the work without naming it in the address.
                [nameof(StaffWorkEmail.Link)] = app.Value.Link(kind == NotificationKind.PostFlagged ? "/Moderation/Queue#flags" : "/Moderation/Queue"),
            },
            new CarriedThread(threadId, thread.Label)), ct);
    }

    private async Task NotifyAsync(List<Viewer> staff, NotificationKind kind, long? threadId, long? postId, long? spaceId, string actorId,
        Mail? mail, CancellationToken ct)
    {
        if (staff.Count == 0)
        {
            return;
        }
        var ids = staff.Select(v => v.UserId!).ToList();
        // A second flag (or a repeated request) while the first notice is unread adds nothing new to do.
        var unread = db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.RecipientId) && n.Kind == kind && n.ReadAt == null && n.PostId == postId && n.SpaceId == spaceId);
        if (kind != NotificationKind.PostFlagged)
        {
            unread = unread.Where(n => n.ActorId == actorId);
        }
        var alreadyTold = await unread.Select(n => n.RecipientId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var told = staff.Where(v => !alreadyTold.Contains(v.UserId!)).ToList();
        var choices = await preferences.ForAsync(
            [.. told.Select(v => v.UserId!)], NotificationTopic.StaffWork,
            told.Where(v => v.IsAdmin).Select(v => v.UserId!).ToHashSet(StringComparer.Ordinal), ct);
        foreach (var viewer in told.Where(v => choices[v.UserId!].InApp))
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = viewer.UserId!,
                Kind = kind,
                ThreadId = threadId,
                PostId = postId,
                SpaceId = spaceId,
                ActorId = actorId,
                CreatedAt = now,
            });
        }
        var emailIds = told.Where(v => choices[v.UserId!].Email).Select(v => v.UserId!).ToList();
        if (mail is null || emailIds.Count == 0)
        {
            return;
        }
        var people = await db.Users.AsNoTracking().Where(u => emailIds.Contains(u.Id) && u.Email != null)
            .Select(u => new { u.Email, u.DisplayName, u.UiCulture }).ToListAsync(ct);
        foreach (var person in people)
        {
            var parameters = new Dictionary<string, object?>(mail.Parameters) { [nameof(StaffWorkEmail.RecipientName)] = person.DisplayName };
            await outbox.AddAsync<StaffWorkEmail>(
                new EmailRecipient(person.Email!, person.DisplayName, SupportedCultures.For(person.UiCulture)),
                EmailKind,
                () => mail.Label is { } label ? EmailRule.Subject(label, mail.Subject()) : mail.Subject(),
                parameters,
                threads: mail.Thread is { } carried ? [carried] : null);
        }
    }

    /// <summary>Everyone holding one of the site roles, plus the moderators of the space: the policy then judges each.</summary>
    private async Task<List<string>> StaffAsync(string[] roles, long? spaceId, CancellationToken ct)
    {
        var bySiteRole = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where roles.Contains(r.Name!)
                                select ur.UserId).ToListAsync(ct);
        var bySpace = spaceId is { } id
            ? await db.SpaceMembers.AsNoTracking()
                .Where(m => m.SpaceId == id && m.Status == SpaceMemberStatus.Active && m.Role == SpaceRole.Moderator)
                .Select(m => m.UserId).ToListAsync(ct)
            : [];
        return [.. bySiteRole.Concat(bySpace).Distinct(StringComparer.Ordinal)];
    }

    private async Task<string> DisplayNameAsync(string userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
}
