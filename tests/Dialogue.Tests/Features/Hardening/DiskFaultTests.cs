using System.Data.Common;
using System.Net;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>
/// A database that stops taking writes while the app runs: on SQLite a full disk (max_page_count pinned to the file's
/// size), on PostgreSQL a server that turned read-only. The writer keeps the draft and is told why; /healthz says so.
/// </summary>
public sealed class DiskFaultTests(DiskFaultTests.FaultyDiskFactory factory) : IClassFixture<DiskFaultTests.FaultyDiskFactory>
{
    public sealed class FaultyDiskFactory : DialogueFactory
    {
        public StorageFaultInterceptor Fault { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<DialogueDbContext>(o => o.AddInterceptors(Fault)));
        }
    }

    /// <summary>While <see cref="Failing"/>, every connection the app opens has no room (SQLite) or may not write (PostgreSQL).</summary>
    public sealed class StorageFaultInterceptor : DbConnectionInterceptor
    {
        private volatile bool failing;

        public bool Failing { get => failing; set => failing = value; }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (connection is Microsoft.Data.Sqlite.SqliteConnection)
            {
                var pages = Failing ? await ScalarAsync(connection, "PRAGMA page_count", cancellationToken) : 1_073_741_823L;
                await ScalarAsync(connection, $"PRAGMA max_page_count = {pages}", cancellationToken);
            }
            else
            {
                await ScalarAsync(connection, $"SET default_transaction_read_only = {(Failing ? "on" : "off")}", cancellationToken);
            }
        }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            ConnectionOpenedAsync(connection, eventData).GetAwaiter().GetResult();

        private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task A_reply_on_a_full_disk_keeps_the_draft_says_why_and_healthz_reports_it_until_a_write_succeeds()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var member = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, member);
        var thread = await factory.StartThreadAsync(space.Id, member, SensitivityLabel.Clear, ThreadsWorld.Unique("Disk"), "First post");
        if (factory.Database.Provider == Web.Infrastructure.Data.DatabaseProvider.Sqlite)
        {
            // No free pages left inside the file, so the next post has to grow it.
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("VACUUM"));
        }
        var client = await factory.CreateSignedInBrowserAsync(member);
        var page = await client.GetPageAsync($"/Threads/Reply?threadId={thread.Id}");
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/healthz"));

        // Random text needs pages of its own; 19,000 characters fill several.
        var draft = string.Concat(Enumerable.Range(0, 600).Select(_ => Guid.NewGuid().ToString("N")))[..19_000];
        factory.Fault.Failing = true;
        var refused = await client.SubmitAsync(page, $"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = draft });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var shown = await refused.ReadPageAsync();
        Assert.Contains("The server could not save", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(draft, shown.QuerySelector("textarea[name='Data.Body']")!.TextContent.TrimStart('\n', '\r'));
        var health = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());

        factory.Fault.Failing = false;
        var saved = await client.SubmitAsync(shown, $"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Body"] = draft });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Posts.CountAsync(p => p.ThreadId == thread.Id)));
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/healthz"));
    }

    [Fact]
    public void A_storage_fault_names_its_cause()
    {
        Assert.Equal("the disk is full", StorageFault.Describe(new DbUpdateException("x", new Microsoft.Data.Sqlite.SqliteException("full", 13))));
        Assert.Equal("the database file or its folder is read-only", StorageFault.Describe(new Microsoft.Data.Sqlite.SqliteException("ro", 8 | (1 << 8))));
        Assert.Null(StorageFault.Describe(new Microsoft.Data.Sqlite.SqliteException("constraint", 19)));
        Assert.Null(StorageFault.Describe(new InvalidOperationException("a bug")));
    }
}
