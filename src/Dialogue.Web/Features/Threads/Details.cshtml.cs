using Dialogue.Data;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Glossary.Linking;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads.Markdown;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// A thread, one page of posts at a time. A fixed number of queries whatever the page holds: the reader's part of the
/// head (how far the reader may read, their read mark, their watch), the posts, the placeholders' names (at most two),
/// and for a signed-in reader the read mark when there is something new (notifications seen are marked read in a batch,
/// see <see cref="NotificationReceipts"/>). Between this node's writes all of it but what changed comes from memory:
/// the thread's head and the viewer's memberships (<see cref="ThreadHeads"/>, <see cref="CurrentViewer"/>), the
/// reader's marks, and the page's posts, read once for every reader; access is decided on their facts by
/// <see cref="AccessPolicy"/>, the rule <see cref="Visible.ReadableIn"/> writes as SQL. Posts are paged by their
/// number, so "post n" is on page (n - 1) / 20 + 1 without counting. In a Chatham House thread each author's pseudonym comes with the posts
/// query (one more query only when a post mentions someone); a moderator's reveal is a POST, written to the access log.
/// A read of a RED or AMBER+STRICT thread is handed to the batched <see cref="AccessLog"/>: no write in the request.
/// </summary>
public class DetailsModel(DialogueDbContext db, CurrentViewer current, ThreadHeads heads, PostDisplay display, GlossaryLinker glossaryLinks, PostRenderer renderer,
    Posting posting, NotificationReceipts receipts, UnreadNotifications unread, LocalWrites writes, RememberedThreadPosts remembered, Pseudonyms pseudonyms,
    AccessLog accessLog, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public const int PageSize = 20;

    /// <summary>A post as stored, whoever reads it; <see cref="Html"/> as the current renderer writes it.</summary>
    public sealed record PostRow(long Id, int Number, string AuthorId, string AuthorName, string Html,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool IsDeleted, PostStatus Status, string? RejectionReason, int? Pseudonym,
        bool GlossaryLinksOff = false, DateTimeOffset? EmbargoUntil = null)
    {
        public PostFacts Facts(ThreadFacts thread) => new(thread, AuthorId, Status, IsDeleted, EmbargoUntil is not null);

        /// <summary>Shown as a pseudonym: no name, avatar or profile link of the author in the page.</summary>
        public bool Pseudonymous { get; init; }
    }

    public ThreadHeads.Head Thread { get; private set; } = null!;
    /// <summary>The number of the last post the viewer may read.</summary>
    public int LastNumber { get; private set; }
    public bool Watching { get; private set; }
    private int? lastRead;
    private int? firstUnread;
    public IReadOnlyList<PostRow> Posts { get; private set; } = [];
    public IReadOnlyList<string> Bodies { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    /// <summary>Pages up to the last post the viewer may read: a held reply at the end opens no empty page for a reader.</summary>
    public int PageCount => Math.Max(1, (LastNumber + PageSize - 1) / PageSize);
    /// <summary>Where "jump to first unread" leads, when something is unread.</summary>
    public int? FirstUnread { get; private set; }
    public Viewer Viewer { get; private set; } = Viewer.Anonymous;
    public ThreadFacts Facts { get; private set; } = null!;
    /// <summary>A moderator asked to see who is who (POST, audited); pseudonyms show with the names.</summary>
    public bool Revealed { get; private set; }

    public static int PageOf(int number) => (Math.Max(1, number) - 1) / PageSize + 1;

    public async Task<IActionResult> OnGetAsync(long threadId, int? p, CancellationToken ct)
    {
        if (!await LoadThreadAsync(threadId, ct))
        {
            return NotFound();
        }
        return await ShowAsync(threadId, p, ct);
    }

    /// <summary>A moderator reveals who is who on this page of a Chatham House thread; the reveal itself is logged.</summary>
    public async Task<IActionResult> OnPostRevealAsync(long threadId, int? p, CancellationToken ct)
    {
        if (!await LoadThreadAsync(threadId, ct) || !Thread.ChathamHouse || !AccessPolicy.CanRevealIdentities(Viewer, Facts))
        {
            return NotFound();
        }
        Revealed = true;
        await accessLog.RecordAsync(Viewer.UserId!, threadId, null, AccessSurface.Reveal, ct);
        return await ShowAsync(threadId, p, ct);
    }

    private async Task<IActionResult> ShowAsync(long threadId, int? p, CancellationToken ct)
    {
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        var from = (PageNumber - 1) * PageSize;
        var to = PageNumber * PageSize;
        var stored = await writes.RememberAsync(remembered.Store, "thread page's posts", $"{threadId}/{PageNumber}",
            () => StoredPostsAsync(threadId, from, to, ct), posts => posts.Sum(p => 2L * p.Html.Length + 256));
        Posts = [.. stored.Where(p => AccessPolicy.Can(Viewer, p.Facts(Facts), AccessAction.Read))];
        if (Thread.ChathamHouse)
        {
            Posts = [.. Posts.Select(post => post with
            {
                AuthorName = Revealed ? $"{pseudonyms.Name(post.Pseudonym)} ({post.AuthorName})" : pseudonyms.Name(post.Pseudonym),
                Pseudonymous = !Revealed,
            })];
        }

        var htmls = Posts.Select(p => p.IsDeleted ? "" : p.Html).ToList();
        Bodies = await glossaryLinks.LinkAsync(
            await display.ResolveAsync(htmls, Viewer, ct, Thread.ChathamHouse ? [.. htmls.Select(_ => (long?)threadId)] : null, Revealed),
            Viewer, [.. Posts.Select(p => p.GlossaryLinksOff)], ct);

        if (Viewer.UserId is { } userId && Viewer.IsApproved)
        {
            FirstUnread = firstUnread;
            if (Posts.Count > 0 && Posts[^1].Number > (lastRead ?? 0))
            {
                await posting.MarkReadAsync(userId, threadId, Posts[^1].Number, ct);
            }
            // Notifications about the posts shown are read now; written in a batch later, so a plain re-read writes nothing.
            if (await NotifiedAsync(userId, ct) is { Count: > 0 } seen)
            {
                receipts.Mark(userId, seen);
            }
            if (AccessPolicy.IsAudited(Thread.Label))
            {
                await accessLog.RecordAsync(userId, threadId, null, AccessSurface.Page, ct);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostWatchAsync(long threadId, CancellationToken ct)
    {
        if (!await LoadThreadAsync(threadId, ct) || !Viewer.IsApproved)
        {
            return NotFound();
        }
        if (!Watching)
        {
            db.Watches.Add(new Watch { UserId = Viewer.UserId!, ThreadId = threadId, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = (string)text["You are watching this thread: you will be notified of replies."];
        return Redirect($"/Threads/{threadId}");
    }

    public async Task<IActionResult> OnPostUnwatchAsync(long threadId, CancellationToken ct)
    {
        if (!await LoadThreadAsync(threadId, ct) || !Viewer.IsApproved)
        {
            return NotFound();
        }
        await db.Watches.Where(w => w.UserId == Viewer.UserId && w.ThreadId == threadId).ExecuteDeleteAsync(ct);
        TempData["Status"] = (string)text["You no longer watch this thread."];
        return Redirect($"/Threads/{threadId}");
    }

    /// <summary>
    /// Every post numbered on the page, whoever may read it: the same for every reader, so it is read once between this
    /// node's writes and each reader is shown the posts <see cref="AccessPolicy"/> lets them read — the rule
    /// <see cref="Visible.ReadableIn"/> writes as SQL (PolicyAndQueryAgreeTests).
    /// </summary>
    private async Task<IReadOnlyList<PostRow>> StoredPostsAsync(long threadId, int from, int to, CancellationToken ct)
    {
        var rows = await db.Posts.AsNoTracking()
            .Where(p => p.ThreadId == threadId && p.Number > from && p.Number <= to)
            .OrderBy(p => p.Number)
            .Select(p => new
            {
                Row = new PostRow(p.Id, p.Number, p.AuthorId,
                    db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).First(),
                    p.Html, p.CreatedAt, p.EditedAt, p.IsDeleted, p.Status, p.RejectionReason,
                    db.ThreadPseudonyms.Where(x => x.ThreadId == p.ThreadId && x.UserId == p.AuthorId).Select(x => (int?)x.Number).FirstOrDefault(),
                    p.GlossaryLinksOff, p.EmbargoUntil),
                OutdatedSource = p.RendererVersion < MarkdownRenderer.Version ? p.Source : null,
            })
            .ToListAsync(ct);
        var posts = new List<PostRow>(rows.Count);
        foreach (var (row, source) in rows.Select(r => (r.Row, r.OutdatedSource)))
        {
            // Written by an older renderer and not yet upgraded by OutdatedPostsJob: rendered here, in memory (a read writes nothing).
            posts.Add(source is null || row.IsDeleted ? row : row with { Html = (await renderer.RenderAsync(source, Facts, null, ct)).Html });
        }
        return posts;
    }

    /// <summary>The posts shown that the reader was notified of and has not read; asked only when something is unread.</summary>
    private async Task<List<long>> NotifiedAsync(string userId, CancellationToken ct)
    {
        if (writes.Enabled && await unread.CountAsync(Viewer, ct) == 0)
        {
            return [];
        }
        var shown = Posts.Select(p => p.Id).ToList();
        return await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == userId && n.ReadAt == null && n.PostId != null && shown.Contains(n.PostId.Value))
            .Select(n => n.PostId!.Value)
            .Distinct()
            .ToListAsync(ct);
    }

    private sealed record Marks(int? LastRead, bool Watching);

    // The reader's read mark and watch, every signed-in view: compiled, so EF neither walks nor hashes the expression again.
    private static readonly Func<DialogueDbContext, string, long, Task<Marks?>> ReaderMarks = EF.CompileAsyncQuery(
        (DialogueDbContext db, string userId, long threadId) => db.Threads
            .Where(t => t.Id == threadId)
            .Select(t => new Marks(
                db.ReadStates.Where(r => r.UserId == userId && r.ThreadId == t.Id).Select(r => (int?)r.LastReadPostNumber).FirstOrDefault(),
                db.Watches.Any(w => w.UserId == userId && w.ThreadId == t.Id)))
            .FirstOrDefault());

    private async Task<bool> LoadThreadAsync(long threadId, CancellationToken ct)
    {
        Viewer = await current.GetAsync(ct);
        if (await heads.GetAsync(threadId, ct) is not { } head || !AccessPolicy.Can(Viewer, head.Facts, AccessAction.Read))
        {
            return false;
        }
        Thread = head;
        Facts = head.Facts;
        LastNumber = head.LastNumber;
        if (Viewer.UserId is { } userId && Viewer.IsApproved)
        {
            var marks = await writes.RememberAsync("reader's marks", $"{userId}/{threadId}", () => ReaderMarks(db, userId, threadId));
            (lastRead, Watching) = (marks?.LastRead, marks?.Watching ?? false);
        }
        // Only when the newest post is not for everyone (held, scheduled), or there is something unread, does the page
        // ask which posts this reader may read.
        if (!head.LastIsPublic || (Viewer.IsApproved && (lastRead ?? 0) < head.LastNumber))
        {
            var readablePosts = db.Posts.AsNoTracking().ReadableIn(threadId, Facts, Viewer);
            var after = lastRead ?? 0;
            // A member who has not read a long thread to its end asks this on every view: remembered until the next write,
            // keyed by everything of the reader that ReadableIn reads (any change to it is a write too).
            var reader = await writes.RememberAsync("reader's position",
                $"{Viewer.UserId}/{threadId}/{after}/{Viewer.IsApproved}/{Viewer.ModeratesSpace(Facts.SpaceId)}/{Viewer.OffPlatform}",
                () => db.Threads.AsNoTracking()
                    .Where(t => t.Id == threadId)
                    .Select(t => new ReaderPosition(
                        // Walks the (ThreadId, Number) index down from the newest post to the first readable one.
                        readablePosts.OrderByDescending(p => p.Number).Select(p => (int?)p.Number).FirstOrDefault() ?? 0,
                        // The first in number order, not Min(): Min reads every later post of the thread (2,000 rows of text in a
                        // long one) to check it is readable; ordered by the (ThreadId, Number) index the first readable one ends it.
                        // A post waiting in review is not news to a reader who may not see it.
                        readablePosts.Where(p => p.Number > after).OrderBy(p => p.Number).Select(p => (int?)p.Number).FirstOrDefault()))
                    .SingleOrDefaultAsync(ct));
            if (reader is null)
            {
                return false; // deleted since its head was remembered
            }
            (LastNumber, firstUnread) = (reader.Last, Viewer.IsApproved ? reader.FirstUnread : null);
        }
        return true;
    }

    private sealed record ReaderPosition(int Last, int? FirstUnread);
}
