using System.Diagnostics;
using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Benchmarks;

/// <summary>
/// Builds and sends N digests (default 10,000) on SQLite, with mail written to a pickup folder, and reports the time.
/// <c>dotnet run -c Release --project tests/Dialogue.Benchmarks -- [--recipients 10000] [--workers 2]</c>
/// </summary>
public static class DigestBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["generate", .. var rest])
        {
            return await Generate.GenerateCommand.RunAsync(rest);
        }
        var recipients = Option(args, "--recipients", 10_000);
        var workers = Option(args, "--workers", 2);
        var directory = Path.Combine(Path.GetTempPath(), "dialogue-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = new BenchmarkApp(directory);
            using var _ = app.CreateClient(); // starts the app: migrations, roles, first admin

            var seeding = Stopwatch.StartNew();
            var members = await SeedAsync(app, recipients);
            // The seed's own mail (reply notifications, review-queue notices, approvals) goes out before the clock
            // starts, so the figures and the checks below are about digests only.
            while (await InScopeAsync(app, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)) > 0)
            {
            }
            foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "mail"), "*.eml"))
            {
                File.Delete(file);
            }
            seeding.Stop();

            // 08:01 UTC: every member's 08:00 digest is due.
            app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 8, 1, 0, TimeSpan.Zero));
            var building = Stopwatch.StartNew();
            var batches = await InScopeAsync(app, sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));
            var scanned = building.Elapsed;
            var queue = new Queue<DigestBatch>(batches);
            var outcomes = new Dictionary<DeliveryOutcome, int>();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    DigestBatch? batch;
                    lock (queue)
                    {
                        if (!queue.TryDequeue(out batch))
                        {
                            return;
                        }
                    }
                    var result = await InScopeAsync(app, sp => sp.GetRequiredService<DigestBatchJob>().RunAsync(batch.Kind, batch.Ids, CancellationToken.None));
                    lock (outcomes)
                    {
                        foreach (var (outcome, count) in result)
                        {
                            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;
                        }
                    }
                }
            })));
            building.Stop();

            var sending = Stopwatch.StartNew();
            var sent = 0;
            while (await InScopeAsync(app, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)) is > 0 and var n)
            {
                sent += n;
            }
            sending.Stop();

            var files = Directory.GetFiles(Path.Combine(directory, "mail"), "*.eml").Length;
            var ledger = await InScopeAsync(app, sp => sp.GetRequiredService<DialogueDbContext>().DigestLedger.CountAsync(l => l.Status == DigestLedgerStatus.Queued));
            var bytes = Directory.GetFiles(Path.Combine(directory, "mail"), "*.eml").Sum(f => new FileInfo(f).Length);

            Console.WriteLine(Invariant($"Digests benchmark: {recipients:N0} members due at once, {workers} workers, SQLite, pickup folder"));
            Console.WriteLine(Invariant($"  machine            {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}"));
            Console.WriteLine(Invariant($"  load average       {LoadAverage()} (at the end; figures taken under load are pessimistic)"));
            Console.WriteLine(Invariant($"  seeding            {seeding.Elapsed.TotalSeconds,8:F1} s   (members, spaces, {members.Threads} threads, {members.Posts} posts; not measured below)"));
            Console.WriteLine(Invariant($"  scan               {scanned.TotalSeconds,8:F1} s   ({batches.Count} batches)"));
            Console.WriteLine(Invariant($"  build + outbox     {building.Elapsed.TotalSeconds,8:F1} s   ({recipients / building.Elapsed.TotalSeconds:F0} digests/s; outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))})"));
            Console.WriteLine(Invariant($"  send (pickup)      {sending.Elapsed.TotalSeconds,8:F1} s   ({sent / sending.Elapsed.TotalSeconds:F0} messages/s; {sent} sent, {files} .eml files, {bytes / files / 1024.0:F1} KiB each)"));
            Console.WriteLine(Invariant($"  total              {(building.Elapsed + sending.Elapsed).TotalSeconds,8:F1} s"));
            if (sent != recipients || files != recipients || ledger != recipients)
            {
                Console.Error.WriteLine(Invariant($"Expected {recipients} digests; ledger has {ledger} queued, {sent} sent, {files} files."));
                return 1;
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task<T> InScopeAsync<T>(BenchmarkApp app, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private const int Threads = 20;

    private static readonly SensitivityLabel[] Labels = [SensitivityLabel.Clear, SensitivityLabel.Green, SensitivityLabel.Amber, SensitivityLabel.AmberStrict, SensitivityLabel.Red];

    private static int AuthorIndex(int thread, int members) => thread * 5 % members;

    private static HashSet<int> RedAuthorIndexes(int members) =>
        [.. Enumerable.Range(0, Threads).Where(t => Labels[t % Labels.Length] == SensitivityLabel.Red).Select(t => AuthorIndex(t, members))];

    // A new member's first posts wait in the review queue (PostingRules); the admin approves them as a moderator
    // would, so the seeded threads reach the digests through the same path as on a live site.
    private static async Task ApproveIfHeldAsync(BenchmarkApp app, string adminId, long postId) =>
        await InScopeAsync(app, async sp =>
        {
            var db = sp.GetRequiredService<DialogueDbContext>();
            if (await db.Posts.Where(p => p.Id == postId).Select(p => p.Status).SingleAsync() != PostStatus.Pending)
            {
                return true;
            }
            var moderator = await ViewerLoader.ForUserAsync(db, adminId, CancellationToken.None);
            var outcome = await sp.GetRequiredService<ModeratorActions>().ApproveAsync(postId, moderator, CancellationToken.None);
            return outcome == ModeratorActions.ReviewOutcome.Done
                ? true
                : throw new InvalidOperationException($"Approving seeded post {postId} as the admin: {outcome}");
        });

    // Members with a daily 08:00 UTC digest (a tenth of them reading in Chinese), three spaces of different labels,
    // and threads with replies posted at 07:00, so every digest has real sections to build through the access policy.
    private static async Task<(int Threads, int Posts)> SeedAsync(BenchmarkApp app, int count)
    {
        var now = app.Clock.GetUtcNow();
        var ids = new List<string>(count);
        for (var start = 0; start < count; start += 1000)
        {
            await InScopeAsync(app, async sp =>
            {
                var db = sp.GetRequiredService<DialogueDbContext>();
                var memberRole = await db.Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync();
                for (var i = start; i < Math.Min(count, start + 1000); i++)
                {
                    var email = string.Create(CultureInfo.InvariantCulture, $"reader{i:D6}@bench.example.org");
                    var user = new DialogueUser
                    {
                        UserName = email,
                        NormalizedUserName = email.ToUpperInvariant(),
                        Email = email,
                        NormalizedEmail = email.ToUpperInvariant(),
                        EmailConfirmed = true,
                        SecurityStamp = Guid.NewGuid().ToString("N"),
                        DisplayName = string.Create(CultureInfo.InvariantCulture, $"Reader {i}"),
                        UiCulture = i % 10 == 0 ? "zh-Hans" : "en",
                        CreatedAt = now,
                        ApprovedAt = now,
                    };
                    db.Users.Add(user);
                    db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = memberRole });
                    db.DigestSubscriptions.Add(new DigestSubscription
                    {
                        UserId = user.Id,
                        Frequency = DigestFrequency.Daily,
                        LocalHour = 8,
                        CreatedAt = now,
                        UpdatedAt = now,
                        SubscribedAt = now,
                        ScheduleStartsAt = now,
                        NextDueAt = now,
                        ScheduledTimeZoneId = "UTC",
                    });
                    ids.Add(user.Id);
                }
                await db.SaveChangesAsync();
                return true;
            });
        }

        var admin = await InScopeAsync(app, sp => sp.GetRequiredService<DialogueDbContext>().Users
            .Where(u => u.NormalizedEmail == "ADMIN@DIALOGUE.EXAMPLE.ORG").Select(u => u.Id).SingleAsync());
        var spaces = new Dictionary<SensitivityLabel, long>();
        await InScopeAsync(app, async sp =>
        {
            var db = sp.GetRequiredService<DialogueDbContext>();
            foreach (var label in new[] { SensitivityLabel.Clear, SensitivityLabel.Green, SensitivityLabel.Amber })
            {
                var space = new Space { Name = label + " space", Slug = label.ToString().ToLowerInvariant(), Description = "Benchmark", DefaultLabel = label, CreatedAt = now };
                db.Spaces.Add(space);
                await db.SaveChangesAsync();
                spaces[label] = space.Id;
                // Everyone in the open spaces; a fifth of the members in the AMBER one.
                foreach (var (id, i) in ids.Select((id, i) => (id, i)).Where(x => label != SensitivityLabel.Amber || x.i % 5 == 0))
                {
                    // The RED threads' authors moderate the AMBER space that holds them: their posts are never held,
                    // since nobody but the named participants could approve them.
                    var role = label == SensitivityLabel.Amber && RedAuthorIndexes(count).Contains(i) ? SpaceRole.Moderator : SpaceRole.Member;
                    db.SpaceMembers.Add(new SpaceMember { SpaceId = space.Id, UserId = id, Role = role, CreatedAt = now });
                }
                // The admin moderates every benchmark space, to approve new members' posts from the review queue.
                db.SpaceMembers.Add(new SpaceMember { SpaceId = space.Id, UserId = admin, Role = SpaceRole.Moderator, CreatedAt = now });
                await db.SaveChangesAsync();
            }
            return true;
        });

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
        var threads = 0;
        var posts = 0;
        for (var t = 0; t < Threads; t++)
        {
            var label = Labels[t % Labels.Length];
            var space = spaces[label switch { SensitivityLabel.Clear => SensitivityLabel.Clear, SensitivityLabel.Green => SensitivityLabel.Green, _ => SensitivityLabel.Amber }];
            var author = ids[AuthorIndex(t, ids.Count)];
            var participants = label == SensitivityLabel.Red ? ids.Where((_, i) => i % 50 == 0).Take(20).ToList() : [];
            var thread = await InScopeAsync(app, async sp =>
            {
                var db = sp.GetRequiredService<DialogueDbContext>();
                var viewer = await ViewerLoader.ForUserAsync(db, author, CancellationToken.None);
                return await sp.GetRequiredService<Posting>().StartThreadAsync(new Posting.NewThread(space, $"Thread {t} about evaluation", label, [],
                    "An opening post with **some** text about model evaluations, red-teaming and what we learnt.\n\nA second paragraph.", participants), viewer, CancellationToken.None);
            });
            await ApproveIfHeldAsync(app, admin, thread.Posts.Single().Id);
            threads++;
            posts++;
            for (var r = 0; r < 3; r++)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(30));
                var replier = ids[(t * 5 + r + 1) % ids.Count];
                var reply = await InScopeAsync(app, async sp =>
                {
                    var db = sp.GetRequiredService<DialogueDbContext>();
                    var viewer = await ViewerLoader.ForUserAsync(db, label == SensitivityLabel.Red ? author : replier, CancellationToken.None);
                    return await sp.GetRequiredService<Posting>().ReplyAsync(thread.Id, $"Reply {r} in thread {t}, with a thought.", viewer, CancellationToken.None);
                });
                await ApproveIfHeldAsync(app, admin, reply.Id);
                posts++;
            }
        }
        return (threads, posts);
    }
}
