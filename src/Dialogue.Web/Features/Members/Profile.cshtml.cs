using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Members;

/// <summary>
/// A member's profile, for approved members only: who they are, where and what time it is for them, and their recent
/// posts that the viewer may read. Anyone else, and any account not active, gets 404. Three queries whatever the
/// member wrote: the viewer's memberships, the member, their posts.
/// </summary>
public class ProfileModel(ProfileModel.Handler handler, CurrentViewer current, TimeProvider clock) : PageModel
{
    public const int RecentPostCount = 10;

    public sealed record Member(string Id, string DisplayName, string? Affiliation, string? Country, string TimeZoneId, string? Bio, DateTimeOffset MemberSince);

    public sealed record RecentPost(long Id, long ThreadId, int Number, string ThreadTitle, SensitivityLabel Label, DateTimeOffset CreatedAt, string Excerpt);

    public sealed record Result(Member Member, IReadOnlyList<RecentPost> Posts);

    public Member Profile { get; private set; } = null!;
    public IReadOnlyList<RecentPost> Posts { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await handler.Handle(id, await current.GetAsync(ct), ct) is not { } result)
        {
            return NotFound();
        }
        Profile = result.Member;
        Posts = result.Posts;
        Zone = TimeZones.TryFind(Profile.TimeZoneId) ?? TimeZoneInfo.Utc;
        Now = clock.GetUtcNow();
        return Page();
    }

    public sealed class Handler(DialogueDbContext db)
    {
        public const int ExcerptLength = 200;

        /// <returns>Null when the viewer may not see the profile or it does not exist: both answer 404.</returns>
        public async Task<Result?> Handle(string id, Viewer viewer, CancellationToken ct)
        {
            // Profiles are for members: a visitor or an account not yet approved (or suspended) learns nothing, not even that the id exists.
            if (!viewer.IsApproved || string.IsNullOrEmpty(id) || id.Length > 450)
            {
                return null;
            }
            var member = await db.Users.AsNoTracking()
                .Where(u => u.Id == id && u.Status == AccountStatus.Active)
                .Select(u => new Member(u.Id, u.DisplayName, u.Affiliation, u.Country, u.TimeZoneId, u.Bio, u.ApprovedAt ?? u.CreatedAt))
                .SingleOrDefaultAsync(ct);
            if (member is null)
            {
                return null;
            }
            // Chatham House posts stay out: listing them under a name would undo the thread's pseudonyms.
            var posts = await db.Posts.AsNoTracking().VisibleTo(viewer)
                .Where(p => p.AuthorId == id && p.Status == PostStatus.Approved && !p.IsDeleted && !p.Thread!.ChathamHouse)
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id) // the author's (AuthorId, CreatedAt) index
                .Take(RecentPostCount)
                .Select(p => new RecentPost(p.Id, p.ThreadId, p.Number, p.Thread!.Title, p.Thread.Label, p.CreatedAt,
                    p.PlainText.Substring(0, ExcerptLength + 1)))
                .ToListAsync(ct);
            return new Result(member, [.. posts.Select(p => p.Excerpt.Length > ExcerptLength ? p with { Excerpt = p.Excerpt[..ExcerptLength] + "…" } : p)]);
        }
    }
}
