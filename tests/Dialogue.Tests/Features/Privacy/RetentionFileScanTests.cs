using System.Text;
using Dialogue.Data.Privacy;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>On SQLite (whatever the suite's provider), a purged body leaves no byte behind in the database file.</summary>
public sealed class RetentionFileScanTests(RetentionFileScanTests.SqliteFactory factory) : IClassFixture<RetentionFileScanTests.SqliteFactory>
{
    public sealed class SqliteFactory : DialogueFactory
    {
        public SqliteFactory() => Provider = DatabaseProvider.Sqlite;
    }

    [Fact]
    public async Task A_purged_body_is_nowhere_in_the_database_file_after_a_checkpoint()
    {
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var body = "Confidential-" + Guid.NewGuid().ToString("N") + "-measurements-of-the-sensor-array";
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Scan"), body);
        await factory.WithDbAsync(async db =>
        {
            db.RetentionPeriods.Add(new RetentionPeriod { SpaceId = space.Id, Days = 1, SetAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        var needle = Encoding.UTF8.GetBytes(body);
        Assert.True(await FileHoldsAsync(needle), "The body should be in the file before the purge; otherwise this test proves nothing.");

        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<RetentionJob>().PurgeDueAsync(CancellationToken.None)));

        Assert.Equal(RetentionJob.ExpiredTitle, await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == thread.Id).Select(t => t.Title).SingleAsync()));
        Assert.False(await FileHoldsAsync(needle), "The purged body is still in the database file.");
    }

    private async Task<bool> FileHoldsAsync(byte[] needle)
    {
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
        var path = Path.Combine(factory.DataDirectory, "dialogue.db");
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }
        return false;
    }
}
