using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// What a thread page shows at its head, the same for every reader, read by id and remembered between this node's writes
/// (<see cref="LocalWrites"/>). Access is decided on its <see cref="Head.Facts"/> by <see cref="AccessPolicy"/>
/// — by the access filter and by the page — so a reader going through a thread's pages asks the database nothing
/// about the thread itself; the reader's own part (read mark, watch) is the page's one small query.
/// </summary>
public sealed class ThreadHeads(DialogueDbContext db, LocalWrites writes)
{
    public sealed record Participant(string UserId, string Name);

    public sealed record Head(long Id, string Title, SensitivityLabel Label, long SpaceId, string SpaceName, string SpaceSlug, string AuthorId,
        PostStatus Status, bool Locked, bool Closed, bool Pinned, TimeSpan? SlowModeInterval, string? SlowModeReason,
        IReadOnlyList<string> Tags, IReadOnlyList<Participant> Participants, bool ChathamHouse, DateTimeOffset? EmbargoUntil, int LastNumber, int LastPublicNumber)
    {
        /// <summary>
        /// The last post is approved and released, so everyone who may read the thread reads it: their last post is
        /// <see cref="LastNumber"/> without asking which of the thread's posts they may read.
        /// </summary>
        public bool LastIsPublic => LastNumber == LastPublicNumber;

        public ThreadFacts Facts { get; } = new(SpaceId, Label, AuthorId, [.. Participants.Select(p => p.UserId)], Status, Locked, Closed, EmbargoUntil is not null);
    }

    // Within a request too: the access filter and the page both ask, and without LocalWrites (several nodes) each would read it.
    private readonly Dictionary<long, Head?> read = [];

    /// <summary>The thread's head, or null when there is no such thread; whether the viewer may read it is the caller's check.</summary>
    public async Task<Head?> GetAsync(long threadId, CancellationToken ct)
    {
        if (!read.TryGetValue(threadId, out var head))
        {
            read[threadId] = head = await ReadAsync(threadId, ct);
        }
        return head;
    }

    /// <summary>
    /// The heads of those of <paramref name="threadIds"/> that exist (a search's matches), remembered like
    /// <see cref="GetAsync"/>; the ones not remembered are read in one query.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, Head>> GetManyAsync(IReadOnlyCollection<long> threadIds, CancellationToken ct)
    {
        var found = new Dictionary<long, Head>(threadIds.Count);
        var missing = new List<string>();
        foreach (var id in threadIds)
        {
            if (!read.TryGetValue(id, out var head))
            {
                missing.Add(Key(id));
            }
            else if (head is not null)
            {
                found[id] = head;
            }
        }
        if (missing.Count > 0)
        {
            var remembered = await writes.RememberEachAsync(Purpose, missing, async keys =>
            {
                var ids = keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToList();
                return (IReadOnlyDictionary<string, Head>)await Select(db.Threads.AsNoTracking().Where(t => ids.Contains(t.Id)))
                    .ToDictionaryAsync(h => Key(h.Id), ct);
            });
            // A thread remembered as missing by GetAsync comes back as null.
            foreach (var head in remembered.Values.Where(h => h is not null))
            {
                read[head.Id] = found[head.Id] = head;
            }
        }
        return found;
    }

    private const string Purpose = "thread head";

    private static string Key(long threadId) => threadId.ToString(CultureInfo.InvariantCulture);

    private Task<Head?> ReadAsync(long threadId, CancellationToken ct) =>
        writes.RememberAsync(Purpose, Key(threadId), () => Select(db.Threads.AsNoTracking().Where(t => t.Id == threadId)).SingleOrDefaultAsync(ct));

    private IQueryable<Head> Select(IQueryable<DiscussionThread> threads) => threads
        .Select(t => new Head(t.Id, t.Title, t.Label, t.SpaceId, t.Space!.Name, t.Space.Slug, t.AuthorId, t.Status,
            t.LockedAt != null, t.ClosedAt != null, t.PinnedAt != null, t.SlowModeInterval, t.SlowModeReason,
            t.Tags.OrderBy(x => x.Tag).Select(x => x.Tag).ToList(),
            // A look-up per participant: a join here makes SQLite materialise every thread's participants first.
            t.Participants.Select(p => new Participant(p.UserId, db.Users.Where(u => u.Id == p.UserId).Select(u => u.DisplayName).First())).ToList(),
            t.ChathamHouse, t.EmbargoUntil,
            // Both walk the (ThreadId, Number) index down from the newest post.
            t.Posts.OrderByDescending(p => p.Number).Select(p => p.Number).FirstOrDefault(),
            t.Posts.Where(p => p.Status == PostStatus.Approved && p.EmbargoUntil == null).OrderByDescending(p => p.Number).Select(p => p.Number).FirstOrDefault()))
        // Tags and participants are a few rows each: one query with both joined is cheaper than one query per collection.
        .AsSingleQuery();
}
