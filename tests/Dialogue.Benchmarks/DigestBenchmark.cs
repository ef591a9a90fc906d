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
/// Builds N digests (default 10,000) on SQLite and delivers them to a real local SMTP server (maildev from tests/tools,
/// started here, or --smtp host:port), then sends the same N messages pre-built over one connection for the server's
/// own rate, and reports both and their ratio. --pickup writes to a pickup folder instead (no ratio). --pipelined sends
/// while the batches are still being built, as the app does (each batch job enqueues a send), instead of after them.
/// --senders N runs N outbox runs at once, each over its own connection, as Jobs:MailWorkerCount = N mail workers do.
/// --warmup N (default 1,000) first builds and sends N more members' digests, unmeasured, as a running app would have
/// warmed its code before the hour's digests; --warmup 0 measures a cold process.
/// <c>dotnet run -c Release --project tests/Dialogue.Benchmarks -- [--recipients 10000] [--workers 2] [--senders 1] [--smtp host:port | --pickup] [--pipelined]</c>
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
        var pickup = args.Contains("--pickup");
        var pipelined = args.Contains("--pipelined");
        var senders = Option(args, "--senders", 1);
        var warmup = Option(args, "--warmup", 1_000);
        var directory = Path.Combine(Path.GetTempPath(), "dialogue-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            await using var smtp = pickup ? null : await LocalSmtp.StartAsync(StringOption(args, "--smtp"), directory);
            var settings = smtp is null ? null : new Dictionary<string, string>
            {
                ["Email:Transport"] = "Smtp",
                ["Email:Smtp:Host"] = smtp.Host,
                ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None",
            };
            await using var app = new BenchmarkApp(directory, settings);
            using var _ = app.CreateClient(); // starts the app: migrations, roles, first admin
            var mailDirectory = Path.Combine(directory, "mail");
            // Sends whatever is queued and forgets it, so the figures and checks below count the measured digests only.
            async Task SendEverythingAsync()
            {
                while (await InScopeAsync(app, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)) > 0)
                {
                }
                foreach (var file in Directory.Exists(mailDirectory) ? Directory.EnumerateFiles(mailDirectory, "*.eml") : [])
                {
                    File.Delete(file);
                }
                smtp?.Clear();
            }

            var seeding = Stopwatch.StartNew();
            var members = await SeedAsync(app, recipients + warmup);
            // The seed's own mail (reply notifications, review-queue notices, approvals) goes out before the clock
            // starts, so the figures and the checks below are about digests only.
            await SendEverythingAsync();
            seeding.Stop();

            // 08:01 UTC: every member's 08:00 digest is due.
            app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 8, 1, 0, TimeSpan.Zero));
            // A running app has served pages and sent mail before its first digest run, so its hot code is already
            // optimised; a fresh process would spend the first seconds re-compiling it (a fifth of the CPU, measured with
            // perf). The extra members' digests, built and sent here, warm the same code paths the measured run takes.
            var warming = Stopwatch.StartNew();
            // In two rounds, each followed by a wait until the JIT is idle: a method moves to optimised code only when
            // called again after its tier-up was queued, and the compiler, starved of both cores while the digests are
            // built, would otherwise spend the measured run's first seconds catching up.
            foreach (var round in members.Ids[recipients..].Chunk(Math.Max(1, warmup / 2)))
            {
                await Parallel.ForEachAsync(round.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (chunk, _) =>
                    await InScopeAsync(app, sp => sp.GetRequiredService<DigestBatchJob>().RunAsync(DigestRecipientKind.Member, chunk, CancellationToken.None)));
                await SendEverythingAsync();
                for (var (compiled, quiet) = (System.Runtime.JitInfo.GetCompiledMethodCount(), 0); quiet < 5 && warming.Elapsed < TimeSpan.FromSeconds(60); quiet++)
                {
                    await Task.Delay(200);
                    var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                    (compiled, quiet) = now == compiled ? (compiled, quiet) : (now, -1);
                }
            }
            var lastWarmMessage = await InScopeAsync(app, sp => sp.GetRequiredService<DialogueDbContext>().OutboxMessages.MaxAsync(m => (long?)m.Id)) ?? 0;
            var warmQueued = await InScopeAsync(app, sp => sp.GetRequiredService<DialogueDbContext>().DigestLedger.CountAsync(l => l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent));
            warming.Stop();
            // On stderr, apart from the figures: the moment a profiler can attach to measure the digests alone.
            Console.Error.WriteLine(Invariant($"Seeded in {seeding.Elapsed.TotalSeconds:F1} s and warmed up in {warming.Elapsed.TotalSeconds:F1} s; the digests start now (process {Environment.ProcessId})."));
            var cpu = Process.GetCurrentProcess();
            var cpuAtStart = cpu.TotalProcessorTime;
            var serverCpuAtStart = smtp?.ServerCpu;

            var building = Stopwatch.StartNew();
            var batches = await InScopeAsync(app, sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));
            var scanned = building.Elapsed;
            var queue = new Queue<DigestBatch>(batches);
            var outcomes = new Dictionary<DeliveryOutcome, int>();
            var sent = 0;
            var built = false;
            // Pipelined: the senders (the app's mail workers) send whatever is queued while the batches are still being built.
            var sender = !pipelined ? Task.CompletedTask : Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var done = Volatile.Read(ref built);
                    var n = await InScopeAsync(app, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));
                    Interlocked.Add(ref sent, n);
                    if (n == 0)
                    {
                        if (done)
                        {
                            return;
                        }
                        await Task.Delay(20);
                    }
                }
            })));
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
            Volatile.Write(ref built, true);
            building.Stop();
            var sentWhileBuilding = Volatile.Read(ref sent);
            cpu.Refresh();
            var cpuBuilding = cpu.TotalProcessorTime - cpuAtStart;

            var sending = Stopwatch.StartNew();
            await sender;
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
            {
                while (await InScopeAsync(app, sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None)) is > 0 and var n)
                {
                    Interlocked.Add(ref sent, n);
                }
            })));
            sending.Stop();
            cpu.Refresh();
            var cpuSending = cpu.TotalProcessorTime - cpuAtStart - cpuBuilding;
            var serverCpu = smtp?.ServerCpu - serverCpuAtStart;
            var loadAfterDigests = LoadAverage();

            var files = smtp?.Received ?? Directory.GetFiles(mailDirectory, "*.eml").Length;
            var bytes = smtp?.ReceivedBytes ?? Directory.GetFiles(mailDirectory, "*.eml").Sum(f => new FileInfo(f).Length);
            var ledger = await InScopeAsync(app, sp => sp.GetRequiredService<DialogueDbContext>().DigestLedger.CountAsync(l => l.Status == DigestLedgerStatus.Queued || l.Status == DigestLedgerStatus.Sent)) - warmQueued;
            var total = building.Elapsed + sending.Elapsed;

            Console.WriteLine(Invariant($"Digests benchmark: {recipients:N0} members due at once, {workers} workers, {senders} sender{(senders == 1 ? "" : "s")}, SQLite, {(smtp is null ? "pickup folder" : smtp.Name)}{(pipelined ? ", sending while building (the build's CPU includes the sender's)" : "")}"));
            Console.WriteLine(Invariant($"  machine            {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}"));
            Console.WriteLine(Invariant($"  load average       {loadAfterDigests} (after the digests; figures taken under load are pessimistic)"));
            Console.WriteLine(Invariant($"  seeding            {seeding.Elapsed.TotalSeconds,8:F1} s   (members, spaces, {members.Threads} threads, {members.Posts} posts; not measured below)"));
            Console.WriteLine(Invariant($"  warm-up            {warming.Elapsed.TotalSeconds,8:F1} s   ({warmQueued} digests to {warmup} more members, built and sent before the clock starts, then a wait until the JIT is idle; --warmup 0 for a cold process)"));
            Console.WriteLine(Invariant($"  scan               {scanned.TotalSeconds,8:F1} s   ({batches.Count} batches)"));
            Console.WriteLine(Invariant($"  build + outbox     {building.Elapsed.TotalSeconds,8:F1} s   ({recipients / building.Elapsed.TotalSeconds:F0} digests/s; CPU {cpuBuilding.TotalSeconds:F1} s; outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}{(pipelined ? Invariant($"; {sentWhileBuilding} sent meanwhile") : "")})"));
            Console.WriteLine(Invariant($"  {(smtp is null ? "send (pickup)" : pipelined ? "rest of the send" : "send (SMTP)"),-19}{sending.Elapsed.TotalSeconds,8:F1} s   ({sent / sending.Elapsed.TotalSeconds:F0} messages/s; CPU {cpuSending.TotalSeconds:F1} s{(serverCpu is { } s ? Invariant($", server CPU {s.TotalSeconds:F1} s") : "")}; {sent} sent, {files} received, {bytes / Math.Max(1, files) / 1024.0:F1} KiB each)"));
            Console.WriteLine(Invariant($"  total              {total.TotalSeconds,8:F1} s   ({recipients / total.TotalSeconds:F0} digests/s built and delivered; CPU {(cpuBuilding + cpuSending).TotalSeconds:F1} s)"));
            if (smtp is not null)
            {
                // The server's own rate for the same messages, pre-built: what the digests are measured against.
                var prebuilt = await InScopeAsync(app, async sp =>
                {
                    var email = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
                    var stored = await sp.GetRequiredService<DialogueDbContext>().OutboxMessages.AsNoTracking()
                        .Where(m => m.Kind == DigestDelivery.OutboxKind && m.Id > lastWarmMessage).ToListAsync();
                    return stored.Select(m => Prebuilt(m, email)).ToList();
                });
                smtp.Clear();
                var raw = await smtp.SendRawAsync(prebuilt);
                var rawReceived = smtp.Received;
                var rawRate = prebuilt.Count / raw.TotalSeconds;
                Console.WriteLine(Invariant($"  raw SMTP           {raw.TotalSeconds,8:F1} s   ({rawRate:F0} messages/s: the same {prebuilt.Count} messages pre-built, one connection; {rawReceived} received; load average {LoadAverage()})"));
                Console.WriteLine(Invariant($"  ratio              {recipients / total.TotalSeconds / rawRate,8:F2}     (digests built and delivered per second ÷ the server's raw rate; target ≥ 0.8)"));
                smtp.Clear();
                if (senders > 1)
                {
                    // The same over as many connections as the digests were sent on: the server's own ceiling, reported
                    // beside the one-connection rate the target is set against.
                    var parallel = await smtp.SendRawAsync(prebuilt, senders);
                    var parallelRate = prebuilt.Count / parallel.TotalSeconds;
                    Console.WriteLine(Invariant($"  raw SMTP, {senders} conn. {parallel.TotalSeconds,8:F1} s   ({parallelRate:F0} messages/s over {senders} connections; {smtp.Received} received; digests ÷ this rate {recipients / total.TotalSeconds / parallelRate:F2})"));
                    smtp.Clear();
                }
            }
            if (sent != recipients || files != recipients || ledger != recipients)
            {
                Console.Error.WriteLine(Invariant($"Expected {recipients} digests; ledger has {ledger} queued, {sent} sent, {files} received."));
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

    private static MimeKit.MimeMessage Prebuilt(Dialogue.Data.Email.OutboxMessage stored, EmailOptions email)
    {
        var mime = new MimeKit.MimeMessage { MessageId = stored.MessageId, Subject = stored.Subject, Date = stored.CreatedAt };
        mime.From.Add(new MimeKit.MailboxAddress(email.FromName, email.FromAddress));
        mime.To.Add(new MimeKit.MailboxAddress(stored.ToName ?? "", stored.ToAddress));
        foreach (var (name, value) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(stored.HeadersJson ?? "{}")!)
        {
            mime.Headers.Add(name, value);
        }
        mime.Body = new MimeKit.BodyBuilder { TextBody = stored.TextBody, HtmlBody = stored.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
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
    private static async Task<(int Threads, int Posts, List<string> Ids)> SeedAsync(BenchmarkApp app, int count)
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
        return (threads, posts, ids);
    }
}
