using System.Diagnostics;
using System.Globalization;
using Dialogue.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Benchmarks.Generate;

/// <summary>
/// <c>dotnet run -c Release --project tests/Dialogue.Benchmarks -- generate --data DIR [--seed 1] [--scale 1.0]
/// [--provider sqlite|postgres --connection "Host=...;Database=..."]</c>: builds a realistic site in DIR (an empty
/// App:DataDirectory; on PostgreSQL an empty database) and writes DIR/generated.txt with what the benchmarks need.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Path.GetFullPath(Option(args, "--data") ?? throw new ArgumentException("--data DIR is required"));
        var seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var scale = double.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture);
        var provider = (Option(args, "--provider") ?? "sqlite").ToLowerInvariant();
        var connection = Option(args, "--connection");
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            Console.Error.WriteLine($"{data} is not empty: the generator builds a new site only.");
            return 1;
        }
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = provider == "postgres" ? "Postgres" : "Sqlite",
            ["Bootstrap:AdminEmail"] = "admin@scale.example.org",
            ["Bootstrap:AdminPassword"] = SitePlan.Password,
        };
        if (provider == "postgres")
        {
            settings["Database:ConnectionString"] = connection ?? throw new ArgumentException("--connection is required with --provider postgres");
        }

        var total = Stopwatch.StartNew();
        var plan = SitePlan.Create(seed, scale);
        Console.WriteLine(Invariant($"Generating seed {seed}, scale {scale}: {plan.Members.Count:N0} members, {plan.Spaces.Count} spaces, {plan.Threads.Count:N0} threads, {plan.PostCount:N0} posts (the longest {plan.LongThread.PostCount:N0}) into {data} ({settings["Database:Provider"]})"));
        await using (var app = new BenchmarkApp(data, settings))
        {
            using var _ = app.CreateClient(); // starts the app: migrations, roles, first admin
            app.Clock.SetUtcNow(SitePlan.Now);
            await new SiteWriter(app.Services, app.Clock.SetUtcNow, Console.Out).WriteAsync(plan, SiteWriter.ThreadPath.Bulk, CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DialogueDbContext>();
            if (db.Database.IsNpgsql())
            {
                // Autovacuum would get there within minutes, but a benchmark started right after the build must not
                // meet a planner without statistics, nor heap pages whose visibility map is unset (no index-only scans).
                var analysing = Stopwatch.StartNew();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE);");
                Console.WriteLine(Invariant($"  VACUUM (ANALYZE) in {analysing.Elapsed.TotalSeconds:F0} s"));
            }
            else
            {
                // The writer dropped the empty site's statistics (SiteWriter.ForgetEmptySiteStatisticsAsync); a benchmark
                // started right after the build must meet the filled site's, as the app's statistics job would gather them.
                var analysing = Stopwatch.StartNew();
                await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;");
                Console.WriteLine(Invariant($"  ANALYZE in {analysing.Elapsed.TotalSeconds:F1} s"));
            }
            var longThread = await db.Threads.OrderByDescending(t => t.PostCount).ThenBy(t => t.Id).Select(t => new { t.Id, t.PostCount }).FirstAsync();
            var posts = await db.Posts.CountAsync();
            await File.WriteAllLinesAsync(Path.Combine(data, "generated.txt"),
            [
                Invariant($"seed={seed}"),
                Invariant($"scale={scale}"),
                Invariant($"provider={settings["Database:Provider"]}"),
                Invariant($"posts={posts}"),
                Invariant($"long_thread={longThread.Id}"),
                Invariant($"long_thread_posts={longThread.PostCount}"),
                $"password={SitePlan.Password}",
                "admin=admin@scale.example.org",
                $"members={string.Join(' ', Enumerable.Range(0, Math.Min(8, plan.Members.Count)).Select(i => SitePlan.MemberEmail(i * plan.Members.Count / 8)))}",
                $"built_at_utc={DateTime.UtcNow:O}",
                Invariant($"build_seconds={total.Elapsed.TotalSeconds:F0}"),
            ]);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine(Invariant($"Done in {total.Elapsed.TotalSeconds:F0} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end). Members sign in as m00000@scale.example.org … with the password {SitePlan.Password}."));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
