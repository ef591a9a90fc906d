using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Benchmarks.Generate;

/// <summary>
/// Writes a <see cref="SitePlan"/> into a running app's database. Members, memberships and digest subscriptions are
/// inserted as rows (one password hash shared by all: hashing 10,000 passwords would take minutes and prove nothing).
/// Threads and posts go one of two ways:
/// <list type="bullet">
/// <item><see cref="ThreadPath.WritePath"/>: <see cref="Posting.StartThreadAsync"/> and <see cref="Posting.ReplyAsync"/>, post by post,
/// with the clock set to each post's time: what a live site does, notifications and read marks included.</item>
/// <item><see cref="ThreadPath.Bulk"/>: each post rendered by the app's <see cref="PostRenderer"/> for its thread (mentions resolved
/// against who may read it), the thread's counters computed once, then a batch of threads inserted in one transaction;
/// the search index follows through its triggers. No notifications (nobody was there to get them). A test holds it to
/// the write path: same HTML, text, numbers, counters and search hits.</item>
/// </list>
/// </summary>
public sealed class SiteWriter(IServiceProvider services, Action<DateTimeOffset>? setClock = null, TextWriter? log = null)
{
    public enum ThreadPath { Bulk, WritePath }

    private readonly Dictionary<int, long> spaceIds = [];

    public async Task WriteAsync(SitePlan plan, ThreadPath path, CancellationToken ct)
    {
        await WriteMembersAsync(plan, ct);
        await WriteSpacesAsync(plan, ct);
        if (path == ThreadPath.Bulk)
        {
            await ForgetEmptySiteStatisticsAsync(ct);
            await WriteThreadsInBulkAsync(plan, ct);
        }
        else
        {
            await WriteThreadsThroughPostingAsync(plan, ct);
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, DialogueDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DialogueDbContext>();
        return await action(scope.ServiceProvider, db);
    }

    private async Task WriteMembersAsync(SitePlan plan, CancellationToken ct)
    {
        var passwordHash = services.GetRequiredService<IPasswordHasher<DialogueUser>>().HashPassword(new DialogueUser(), SitePlan.Password);
        foreach (var chunk in plan.Members.Chunk(1000))
        {
            await InScopeAsync(async (_, db) =>
            {
                var memberRole = await db.Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync(ct);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                foreach (var m in chunk)
                {
                    var joined = SitePlan.Now.AddDays(-800 + m.Index % 60);
                    db.Users.Add(new DialogueUser
                    {
                        Id = m.Id,
                        UserName = m.Email,
                        NormalizedUserName = m.Email.ToUpperInvariant(),
                        Email = m.Email,
                        NormalizedEmail = m.Email.ToUpperInvariant(),
                        EmailConfirmed = true,
                        PasswordHash = passwordHash,
                        SecurityStamp = m.Id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(),
                        ConcurrencyStamp = m.Id,
                        DisplayName = m.DisplayName,
                        Country = m.Country,
                        TimeZoneId = m.TimeZoneId,
                        UiCulture = m.UiCulture,
                        PreferredLanguages = m.Languages,
                        CreatedAt = joined,
                        ApprovedAt = joined,
                    });
                    db.UserRoles.Add(new IdentityUserRole<string> { UserId = m.Id, RoleId = memberRole });
                    db.DigestSubscriptions.Add(new DigestSubscription
                    {
                        UserId = m.Id,
                        Frequency = m.WeeklyDigest ? DigestFrequency.Weekly : DigestFrequency.Daily,
                        Weekday = DayOfWeek.Monday,
                        LocalHour = m.DigestHour,
                        CreatedAt = joined,
                        UpdatedAt = joined,
                        SubscribedAt = joined,
                        ScheduleStartsAt = joined,
                        // Due at the next scan, which decides the actual period from the member's zone and the ledger.
                        NextDueAt = SitePlan.Now,
                        ScheduledTimeZoneId = m.TimeZoneId,
                    });
                }
                await db.SaveChangesAsync(ct);
                return true;
            });
        }
        log?.WriteLine($"  {plan.Members.Count:N0} members, {plan.Members.Count:N0} digest subscriptions");
    }

    private async Task WriteSpacesAsync(SitePlan plan, CancellationToken ct)
    {
        await InScopeAsync(async (_, db) =>
        {
            var spaces = plan.Spaces.Select(s => (Planned: s, Row: new Space
            {
                Name = s.Name,
                Slug = s.Slug,
                Description = s.Description,
                DefaultLabel = s.Label,
                JoinPolicy = s.Closed ? SpaceJoinPolicy.Closed : SpaceJoinPolicy.Open,
                CreatedAt = SitePlan.Now.AddDays(-760),
            })).ToList();
            db.Spaces.AddRange(spaces.Select(s => s.Row));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var (planned, row) in spaces)
            {
                spaceIds[planned.Index] = row.Id;
                foreach (var member in planned.Members)
                {
                    db.SpaceMembers.Add(new SpaceMember
                    {
                        SpaceId = row.Id,
                        UserId = plan.Members[member].Id,
                        Role = planned.Moderators.Contains(member) ? SpaceRole.Moderator : SpaceRole.Member,
                        CreatedAt = row.CreatedAt,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
            return true;
        });
        log?.WriteLine($"  {plan.Spaces.Count} spaces, {plan.Spaces.Sum(s => s.Members.Count):N0} memberships");
    }

    /// <summary>
    /// The app's start (SqliteStatistics) analysed the just-migrated database, when the search index's data table
    /// held 2 rows. Believing that, SQLite answers FTS5's own <c>DELETE FROM PostSearch_data WHERE id&gt;=? AND
    /// id&lt;=?</c>, run by every segment merge at every post's flush, with a scan of the whole table instead of a rowid
    /// range, so the per-post cost grew with the index (scale 0.1: 10 ms of CPU a post over the first 5,000 posts, 29 ms
    /// over the last 5,000, some 18 MB read a post). Without those rows the planner takes the rowid range (about 1 ms a
    /// post throughout); <see cref="GenerateCommand"/> gathers the filled site's statistics at the end.
    /// </summary>
    private async Task ForgetEmptySiteStatisticsAsync(CancellationToken ct) => await InScopeAsync(async (_, db) =>
    {
        if (db.Database.IsSqlite()
            && await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_schema WHERE name = 'sqlite_stat1'").SingleAsync(ct) > 0)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1;", ct);
            // Each connection read the statistics when it loaded the schema: only new connections see them gone.
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
        }
        return true;
    });

    private ThreadFacts Facts(SitePlan plan, PlannedThread thread) =>
        new(spaceIds[thread.Space], thread.Label, plan.Members[thread.Author].Id, [.. thread.Participants.Select(p => plan.Members[p].Id)]);

    private async Task WriteThreadsInBulkAsync(SitePlan plan, CancellationToken ct)
    {
        var written = 0L;
        foreach (var batch in plan.Threads.Chunk(100))
        {
            await InScopeAsync(async (sp, db) =>
            {
                var renderer = sp.GetRequiredService<PostRenderer>();
                var followUps = new List<(DiscussionThread Thread, string StarterId, List<ReadState> Reads)>(batch.Length);
                foreach (var planned in batch)
                {
                    var facts = Facts(plan, planned);
                    var thread = new DiscussionThread
                    {
                        SpaceId = facts.SpaceId,
                        Title = planned.Title.Trim(),
                        Label = planned.Label,
                        AuthorId = facts.AuthorId,
                        CreatedAt = planned.CreatedAt,
                        Status = PostStatus.Approved,
                        Participants = [.. facts.Participants.Select(p => new ThreadParticipant { UserId = p, AddedAt = planned.CreatedAt, AddedById = facts.AuthorId })],
                    };
                    var lastRead = new Dictionary<string, (int Number, DateTimeOffset At)>(StringComparer.Ordinal);
                    foreach (var p in plan.Posts(planned))
                    {
                        var authorId = plan.Members[p.Author].Id;
                        // The author is only consulted for quotes of other posts, which the plan never writes.
                        var rendered = await renderer.RenderAsync(p.Source, facts, null, ct);
                        thread.Posts.Add(new Post
                        {
                            Number = p.Number,
                            AuthorId = authorId,
                            Source = p.Source,
                            Html = rendered.Html,
                            PlainText = rendered.PlainText,
                            RendererVersion = rendered.Version,
                            QuotedPostId = rendered.QuotedPostId,
                            CreatedAt = p.CreatedAt,
                            Status = PostStatus.Approved,
                        });
                        lastRead[authorId] = (p.Number, p.CreatedAt);
                    }
                    thread.PostCount = thread.Posts.Count;
                    thread.LastActivityAt = thread.Posts[^1].CreatedAt;
                    db.Threads.Add(thread);
                    // As the write path leaves it: the starter watches the thread; every writer has read up to their own last post.
                    followUps.Add((thread, facts.AuthorId, [.. lastRead.Select(r => new ReadState { UserId = r.Key, LastReadPostNumber = r.Value.Number, UpdatedAt = r.Value.At })]));
                    written += thread.PostCount;
                }
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                foreach (var (thread, starterId, reads) in followUps)
                {
                    db.Watches.Add(new Watch { UserId = starterId, ThreadId = thread.Id, CreatedAt = thread.CreatedAt });
                    foreach (var read in reads)
                    {
                        read.ThreadId = thread.Id;
                        db.ReadStates.Add(read);
                    }
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            });
            if (batch[^1].Index % 2000 < 100)
            {
                log?.WriteLine($"  {batch[^1].Index + 1:N0} threads, {written:N0} posts");
            }
        }
    }

    private async Task WriteThreadsThroughPostingAsync(SitePlan plan, CancellationToken ct)
    {
        var clock = setClock ?? throw new InvalidOperationException("The write path needs a clock the writer can set.");
        foreach (var planned in plan.Threads)
        {
            long threadId = 0;
            foreach (var p in plan.Posts(planned))
            {
                clock(p.CreatedAt);
                var authorId = plan.Members[p.Author].Id;
                await InScopeAsync(async (sp, db) =>
                {
                    var posting = sp.GetRequiredService<Posting>();
                    var author = await ViewerLoader.ForUserAsync(db, authorId, ct);
                    if (p.Number == 1)
                    {
                        var facts = Facts(plan, planned);
                        var thread = await posting.StartThreadAsync(new Posting.NewThread(facts.SpaceId, planned.Title, planned.Label, [], p.Source, [.. facts.Participants]),
                            author, ct, trusted: true);
                        threadId = thread.Id;
                    }
                    else
                    {
                        await posting.ReplyAsync(threadId, p.Source, author, ct, trusted: true);
                    }
                    return true;
                });
            }
        }
    }
}
