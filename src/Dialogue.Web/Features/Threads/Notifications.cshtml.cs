using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>The member's notifications, newest first, only those about what they may still read.</summary>
public class NotificationsModel(DialogueDbContext db, CurrentViewer current, Privacy.Pseudonyms pseudonyms, TimeProvider clock) : PageModel
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
            _ => PostId is { } postId ? $"/Threads/Post/{postId}" : ThreadId is { } threadId ? $"/Threads/{threadId}" : SpaceSlug is { } slug ? $"/Spaces/{slug}" : "/Threads/Notifications",
        };
    }

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        Items = await db.Notifications.AsNoTracking().VisibleTo(viewer)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Shown)
            .Select(n => new Row(n.Id, n.Kind, n.CreatedAt, n.ReadAt == null,
                n.Thread != null && n.Thread.ChathamHouse && (n.Kind == NotificationKind.Mention || n.Kind == NotificationKind.Reply || n.Kind == NotificationKind.NewThread || n.Kind == NotificationKind.PostHeld)
                    ? null
                    : db.Users.Where(u => u.Id == n.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                n.ThreadId, n.Thread!.Title, n.PostId, n.SpaceId, n.Space!.Name, n.Space.Slug, n.Message,
                n.Thread != null && n.Thread.ChathamHouse && (n.Kind == NotificationKind.Mention || n.Kind == NotificationKind.Reply || n.Kind == NotificationKind.NewThread || n.Kind == NotificationKind.PostHeld),
                db.ThreadPseudonyms.Where(x => x.ThreadId == n.ThreadId && x.UserId == n.ActorId).Select(x => (int?)x.Number).FirstOrDefault()))
            .ToListAsync(ct);
        // What members wrote in a Chatham House thread names its author by pseudonym; the real name is not read.
        Items = [.. Items.Select(n => n.Pseudonymous ? n with { ActorName = pseudonyms.Name(n.ActorPseudonym) } : n)];
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
