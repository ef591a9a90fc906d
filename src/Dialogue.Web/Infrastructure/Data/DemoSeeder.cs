using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Moderation;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// Fills an empty site (no accounts at all) with the demo in <see cref="DemoContent"/>, so a newcomer sees every
/// feature at work. Posts go through <see cref="Posting"/> like a member's, so rendering, mentions, quotes, search
/// text and counters are the app's own; only their times are moved back afterwards to spread them over weeks.
/// </summary>
public sealed partial class DemoSeeder(
    UserManager<DialogueUser> users,
    DialogueDbContext db,
    Posting posting,
    FirstAdmin firstAdmin,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    IEnumerable<IDemoPart> parts,
    ILogger<DemoSeeder> logger)
{
    public static string Email(string key) => key + "@" + DemoContent.Domain;

    public async Task SeedIfAskedAsync(CancellationToken ct)
    {
        if (!options.Value.Seed || await users.Users.AnyAsync(ct))
        {
            return;
        }
        var timer = Stopwatch.StartNew();
        await firstAdmin.EnsureRolesAsync();
        // Random per site: a demo left reachable on a network must not share a password with every other demo.
        var password = "Demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + "1";
        var now = clock.GetUtcNow();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in DemoContent.People)
        {
            var joined = person.Key == DemoContent.NewcomerKey ? now.AddDays(-2) : now.AddDays(-60);
            ids[person.Key] = await CreateAsync(person, password, joined, AccountStatus.Active);
        }
        await CreateAsync(DemoContent.Pending, password, now.AddHours(-20), AccountStatus.PendingApproval);

        var spaces = await SeedSpacesAsync(ids, now, ct);
        var viewers = await ViewerLoader.ForUsersAsync(db, [.. ids.Values], ct);
        Viewer As(string key) => viewers[ids[key]];

        var threadIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (seed, index) in DemoContent.Threads.Append(DemoContent.LongThread()).Select((t, i) => (t, i)))
        {
            // Threads start at different hours of the day, as they would across these time zones.
            var start = now.AddDays(-seed.DaysAgo).AddHours(-(index * 7 % 13));
            threadIds[seed.Title] = await WriteThreadAsync(seed, start, spaces, ids, As, now, ct);
        }

        // The newcomer's first reply goes through the ordinary rules, so it waits in the review queue.
        var timezones = threadIds["Time zones: when should the monthly call be?"];
        var held = await posting.ReplyAsync(timezones, DemoContent.HeldReply, As(DemoContent.NewcomerKey), ct);
        await BackdateAsync(db, timezones, [(held.Id, now.AddHours(-3))], ct);

        await SeedModerationWorkAsync(threadIds[DemoContent.FlaggedPostThread], spaces, ids, now, ct);
        await SeedSubscriptionsAsync(spaces, ids, now, ct);
        // Older notifications have been seen; the last two days' stay unread, as for a member back from a trip.
        await db.Notifications.Where(n => n.CreatedAt < now.AddDays(-2))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now.AddDays(-2)), ct);
        var site = new DemoSite(ids, spaces, threadIds, As, now);
        foreach (var part in parts)
        {
            await part.SeedAsync(site, ct);
        }

        var table = new StringBuilder();
        foreach (var person in DemoContent.People.Append(DemoContent.Pending))
        {
            table.Append(CultureInfo.InvariantCulture, $"\n  {Email(person.Key),-26} {person.Name,-18} {person.Role ?? Roles.Member,-15} {person.About}");
        }
        logger.LogInformation(
            "Demo site seeded in {Seconds:0.0} s. Sign in with any of these addresses and the password {Password} (admin: {Admin}):{Table}",
            timer.Elapsed.TotalSeconds, password, Email(DemoContent.AdminKey), table.ToString());
    }

    private async Task<string> CreateAsync(DemoContent.Person person, string password, DateTimeOffset joined, AccountStatus status)
    {
        var user = new DialogueUser
        {
            UserName = Email(person.Key),
            Email = Email(person.Key),
            EmailConfirmed = true,
            DisplayName = person.Name,
            Affiliation = person.Affiliation,
            Country = person.Country,
            TimeZoneId = person.Zone,
            UiCulture = person.Culture,
            PreferredLanguages = person.Culture == "zh-Hans" ? "zh, en" : "en",
            Status = status,
            CreatedAt = joined,
            ApprovedAt = status == AccountStatus.Active ? joined : null,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, person.Role is { } role ? [Roles.Member, role] : [Roles.Member]));
        return user.Id;
    }

    private async Task<Dictionary<string, long>> SeedSpacesAsync(Dictionary<string, string> ids, DateTimeOffset now, CancellationToken ct)
    {
        var created = now.AddDays(-59);
        var spaces = DemoContent.Spaces.ToDictionary(s => s.Slug, s => new Space
        {
            Name = s.Name,
            Slug = s.Slug,
            Description = s.Description,
            DefaultLabel = s.Label,
            JoinPolicy = s.Join,
            CreatedAt = created,
            CreatedById = ids[DemoContent.AdminKey],
        }, StringComparer.Ordinal);
        db.Spaces.AddRange(spaces.Values);
        await db.SaveChangesAsync(ct);
        foreach (var seed in DemoContent.Spaces)
        {
            foreach (var key in seed.Members)
            {
                db.SpaceMembers.Add(new SpaceMember
                {
                    SpaceId = spaces[seed.Slug].Id,
                    UserId = ids[key],
                    Role = seed.Moderators.Contains(key) ? SpaceRole.Moderator : SpaceRole.Member,
                    CreatedAt = created,
                    DecidedById = seed.Join == SpaceJoinPolicy.Closed ? ids[DemoContent.AdminKey] : null,
                    DecidedAt = seed.Join == SpaceJoinPolicy.Closed ? created : null,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return spaces.ToDictionary(s => s.Key, s => s.Value.Id, StringComparer.Ordinal);
    }

    private async Task<long> WriteThreadAsync(
        DemoContent.ThreadSeed seed, DateTimeOffset start, Dictionary<string, long> spaces, Dictionary<string, string> ids, Func<string, Viewer> author,
        DateTimeOffset now, CancellationToken ct)
    {
        var times = PostTimes(start, seed.Posts.Length, now.AddMinutes(-40));
        var (first, body) = seed.Posts[0];
        var participants = seed.Participants?.Select(p => ids[p]).ToList() ?? [];
        var thread = await posting.StartThreadAsync(
            new Posting.NewThread(spaces[seed.Space], seed.Title, seed.Label, seed.Tags, body, participants), author(first), ct, trusted: true);
        var written = new List<(long PostId, DateTimeOffset At)>(seed.Posts.Length)
        {
            (await db.Posts.Where(p => p.ThreadId == thread.Id && p.Number == 1).Select(p => p.Id).SingleAsync(ct), times[0]),
        };
        for (var i = 1; i < seed.Posts.Length; i++)
        {
            var text = QuoteToken().Replace(seed.Posts[i].Body, m =>
            {
                var number = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                return Quote(written[number - 1].PostId, seed.Posts[number - 1].Body);
            });
            var post = await posting.ReplyAsync(thread.Id, text, author(seed.Posts[i].Author), ct, trusted: true);
            written.Add((post.Id, times[i]));
        }
        await BackdateAsync(db, thread.Id, written, ct);
        return thread.Id;
    }

    /// <summary>Moves a thread's posts (and their notifications) back in time; demo parts use it to spread their threads too.</summary>
    public static async Task BackdateAsync(DialogueDbContext db, long threadId, IReadOnlyList<(long PostId, DateTimeOffset At)> posts, CancellationToken ct)
    {
        // One commit for the whole thread rather than one per statement: it keeps seeding within seconds.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (postId, at) in posts)
        {
            await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, at), ct);
            await db.Notifications.Where(n => n.PostId == postId).ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, at), ct);
        }
        var first = await db.Posts.Where(p => p.ThreadId == threadId).MinAsync(p => p.CreatedAt, ct);
        var last = await db.Posts.Where(p => p.ThreadId == threadId).MaxAsync(p => p.CreatedAt, ct);
        await db.Threads.Where(t => t.Id == threadId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, first).SetProperty(t => t.LastActivityAt, last), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>A quote as the Quote button writes it, of the quoted post's first paragraph of its own words.</summary>
    private static string Quote(long postId, string quotedBody)
    {
        var paragraph = quotedBody.Split("\n\n").First(p => !p.StartsWith('{') && !p.StartsWith("```", StringComparison.Ordinal));
        return $"> [quote={postId.ToString(CultureInfo.InvariantCulture)}]\n>\n" + string.Join('\n', paragraph.Split('\n').Select(l => "> " + l));
    }

    /// <summary>Replies a few hours apart, squeezed when needed so the last one is still in the past.</summary>
    private static DateTimeOffset[] PostTimes(DateTimeOffset start, int count, DateTimeOffset latest)
    {
        double[] gapsInHours = [3, 7, 1.5, 11, 4, 20, 2.5, 9];
        var offsets = new double[count];
        for (var i = 1; i < count; i++)
        {
            offsets[i] = offsets[i - 1] + gapsInHours[i % gapsInHours.Length];
        }
        var room = (latest - start).TotalHours;
        var scale = count > 1 && offsets[^1] > room ? room / offsets[^1] : 1;
        return [.. offsets.Select(h => start.AddHours(h * scale))];
    }

    private async Task SeedModerationWorkAsync(long flaggedThreadId, Dictionary<string, long> spaces, Dictionary<string, string> ids, DateTimeOffset now, CancellationToken ct)
    {
        var flagged = await db.Posts.Where(p => p.ThreadId == flaggedThreadId && p.Number == 2).Select(p => p.Id).SingleAsync(ct);
        db.Flags.Add(new Flag
        {
            PostId = flagged,
            FlaggedById = ids["marie"],
            Reason = FlagReason.RevealsSensitiveInformation,
            Message = "These numbers come from the AMBER space and should not be in a GREEN thread.",
            CreatedAt = now.AddHours(-5),
        });
        db.SpaceMembers.Add(new SpaceMember
        {
            SpaceId = spaces["frontier-evaluations"],
            UserId = ids["ana"],
            Status = SpaceMemberStatus.Requested,
            RequestMessage = DemoContent.JoinRequestMessage,
            CreatedAt = now.AddHours(-8),
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedSubscriptionsAsync(Dictionary<string, long> spaces, Dictionary<string, string> ids, DateTimeOffset now, CancellationToken ct)
    {
        DigestSubscription Digest(string key, DigestFrequency frequency, int hour, params string[] only) => new()
        {
            UserId = ids[key],
            Frequency = frequency,
            Weekday = DayOfWeek.Monday,
            LocalHour = hour,
            AllSpaces = only.Length == 0,
            SpaceIds = [.. only.Select(slug => spaces[slug])],
            CreatedAt = now,
            UpdatedAt = now,
            SubscribedAt = now,
            // From now on: the first digest covers what happens after seeding, not the backdated history.
            ScheduleStartsAt = now,
            NextDueAt = now,
        };
        db.DigestSubscriptions.AddRange(
            Digest("jonas", DigestFrequency.Daily, 7),
            Digest("li.wei", DigestFrequency.Daily, 8, "chinese-exchange", "frontier-evaluations"),
            Digest("sarah", DigestFrequency.Weekly, 9),
            Digest("olga", DigestFrequency.Weekly, 18));
        db.PublicSubscribers.Add(new PublicSubscriber
        {
            Email = "reader@example.org",
            UiCulture = "en",
            ConfirmationTokenHash = Tokens.Hash(Tokens.New()),
            ConfirmationSentAt = now.AddDays(-10),
            ConfirmedAt = now.AddDays(-10),
            CreatedAt = now.AddDays(-10),
            NextDueAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [GeneratedRegex(@"\{q:(\d+)\}")]
    private static partial Regex QuoteToken();
}
