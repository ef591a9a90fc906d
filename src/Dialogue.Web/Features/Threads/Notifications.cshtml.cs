using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Glossary;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>The member's notifications, newest first, only those about what they may still read.</summary>
public class NotificationsModel(DialogueDbContext db, CurrentViewer current, GlossaryNotifications glossary, NotificationReceipts receipts,
    Privacy.Pseudonyms pseudonyms, TimeProvider clock) : PageModel
{
    public const int Shown = 50;

    public sealed record Row(long Id, NotificationKind Kind, DateTimeOffset CreatedAt, bool Unread, string? ActorName,
        long? ThreadId, string? ThreadTitle, long? PostId, long? SpaceId, string? SpaceName, string? SpaceSlug, string? Message,
        bool Pseudonymous = false, int? ActorPseudonym = null)
    {
        /// <summary>Staff work leads to where it is done; everything else to what it is about.</summary>
        public string Link => Kind switch
        {
            NotificationKind.PostHeld => "/Moderation/Queue",
            NotificationKind.PostFlagged => "/Moderation/Queue#flags",
            NotificationKind.JoinRequested => $"/Spaces/Members?spaceId={SpaceId}",
            NotificationKind.AccountAwaitingApproval => "/Admin/Members?Status=PendingApproval",
            NotificationKind.WorkshopPollInvited or NotificationKind.WorkshopPollDecided => $"/Workshops/Polls/{PollNotifications.PollIdOf(Message)}",
            _ => PostId is { } postId ? $"/Threads/Post/{postId}" : ThreadId is { } threadId ? $"/Threads/{threadId}" : SpaceSlug is { } slug ? $"/Spaces/{slug}" : "/Threads/Notifications",
        };
    }

    public IReadOnlyList<Row> Items { get; private set; } = [];
    /// <summary>Titles of the polls the shown notifications are about, read through the polls' own access rule.</summary>
    public IReadOnlyDictionary<long, string> PollTitles { get; private set; } = new Dictionary<long, string>();
    /// <summary>Glossary notifications' sentences, only for glossaries the viewer still reads.</summary>
    public IReadOnlyDictionary<long, GlossaryNotifications.Line> GlossaryLines { get; private set; } = new Dictionary<long, GlossaryNotifications.Line>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var seen = receipts.PendingFor(viewer.UserId); // read on the thread page, not written yet
        Items = await db.Notifications.AsNoTracking().VisibleTo(viewer).WithReadableSubjects(db, viewer)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Shown)
            // What members wrote in a Chatham House thread names its author by pseudonym; the real name is not read.
            .Select(n => new { n, Pseudonymous = n.Thread != null && n.Thread.ChathamHouse && (n.Kind == NotificationKind.Mention || n.Kind == NotificationKind.Reply || n.Kind == NotificationKind.NewThread || n.Kind == NotificationKind.PostHeld) })
            .Select(x => new Row(x.n.Id, x.n.Kind, x.n.CreatedAt, x.n.ReadAt == null && (x.n.PostId == null || !seen.Contains(x.n.PostId.Value)),
                x.Pseudonymous ? null : db.Users.Where(u => u.Id == x.n.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                x.n.ThreadId, x.n.Thread!.Title, x.n.PostId, x.n.SpaceId, x.n.Space!.Name, x.n.Space.Slug, x.n.Message, x.Pseudonymous,
                db.ThreadPseudonyms.Where(p => p.ThreadId == x.n.ThreadId && p.UserId == x.n.ActorId).Select(p => (int?)p.Number).FirstOrDefault()))
            .ToListAsync(ct);
        Items = [.. Items.Select(n => n.Pseudonymous ? n with { ActorName = pseudonyms.Name(n.ActorPseudonym) } : n)];
        var pollIds = Items.Where(i => PollNotifications.IsPollKind(i.Kind)).Select(i => PollNotifications.PollIdOf(i.Message) ?? 0).Distinct().ToList();
        if (pollIds.Count > 0)
        {
            PollTitles = await db.WorkshopPolls.AsNoTracking().VisibleTo(viewer).Where(p => pollIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
            // A poll the member may no longer see (they left its space) leaves no trace here.
            Items = [.. Items.Where(i => !PollNotifications.IsPollKind(i.Kind) || PollTitles.ContainsKey(PollNotifications.PollIdOf(i.Message) ?? 0))];
        }
        GlossaryLines = await glossary.DescribeAsync([.. Items.Where(n => GlossaryNotifications.IsGlossaryKind(n.Kind)).Select(n => n.Id)], viewer, ct);
        Items = [.. Items.Where(n => !GlossaryNotifications.IsGlossaryKind(n.Kind) || GlossaryLines.ContainsKey(n.Id))];
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.RecipientId == viewer.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return RedirectToPage();
    }
}
