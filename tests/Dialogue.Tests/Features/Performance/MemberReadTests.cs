using System.Data.Common;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Caching;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Performance;

/// <summary>A member reading a thread writes nothing, yet sees their unread count drop; an old cookie is not re-checked on every request.</summary>
public sealed class MemberReadTests(MemberReadTests.CountingFactory factory) : IClassFixture<MemberReadTests.CountingFactory>
{
    public sealed class CountingFactory : DialogueFactory
    {
        public Commands Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<DialogueDbContext>(o => o.AddInterceptors(Log)));
        }
    }

    /// <summary>The SQL the app sends, to tell reads from writes.</summary>
    public sealed class Commands : DbCommandInterceptor
    {
        private readonly List<string> seen = [];

        public void Reset()
        {
            lock (seen)
            {
                seen.Clear();
            }
        }

        public List<string> Writes()
        {
            lock (seen)
            {
                return [.. seen.Where(IsWrite)];
            }
        }

        public int Count(string fragment)
        {
            lock (seen)
            {
                return seen.Count(s => s.Contains(fragment, StringComparison.Ordinal));
            }
        }

        private static bool IsWrite(string sql) =>
            sql.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase) || sql.Contains("DELETE FROM", StringComparison.OrdinalIgnoreCase)
            || (sql.Contains("UPDATE ", StringComparison.OrdinalIgnoreCase) && !sql.Contains("FOR UPDATE", StringComparison.OrdinalIgnoreCase));

        private void Add(DbCommand command)
        {
            lock (seen)
            {
                seen.Add(command.CommandText);
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<(long ThreadId, DialogueUser Reader)> ThreadMentioningAsync()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        var reader = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        await factory.AddToSpaceAsync(space.Id, reader);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique("Receipts"),
            $"Opening for @{reader.Email!.Split('@')[0]} to read.");
        return (thread.Id, reader);
    }

    private static async Task<string> NotificationsLinkAsync(HttpClient browser) =>
        (await browser.GetPageAsync("/Spaces")).QuerySelector("a.notifications-link")!.TextContent;

    [Fact]
    public async Task Viewing_a_thread_drops_the_unread_count_at_once_and_the_mark_is_written_in_a_batch()
    {
        var (threadId, reader) = await ThreadMentioningAsync();
        var browser = await factory.CreateSignedInBrowserAsync(reader);
        Assert.Contains("1", await NotificationsLinkAsync(browser), StringComparison.Ordinal);

        await browser.GetPageAsync($"/Threads/{threadId}");

        Assert.DoesNotContain("1", await NotificationsLinkAsync(browser), StringComparison.Ordinal);
        Assert.Null((await browser.GetPageAsync("/Threads/Notifications")).QuerySelector(".notifications li.unread"));
        await factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationReceipts>().FlushAsync(CancellationToken.None));
        var unreadInDatabase = await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientId == reader.Id && n.ReadAt == null));
        Assert.Equal(0, unreadInDatabase);
        Assert.Empty(factory.Services.GetRequiredService<NotificationReceipts>().PendingFor(reader.Id));
    }

    [Fact]
    public async Task Reading_a_thread_again_with_nothing_new_writes_nothing()
    {
        var (threadId, reader) = await ThreadMentioningAsync();
        var browser = await factory.CreateSignedInBrowserAsync(reader);
        await browser.GetPageAsync($"/Threads/{threadId}");
        await factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationReceipts>().FlushAsync(CancellationToken.None));

        factory.Log.Reset();
        var again = await browser.GetAsync($"/Threads/{threadId}");

        Assert.True(again.IsSuccessStatusCode);
        Assert.Empty(factory.Log.Writes());
    }

    [Fact]
    public async Task The_header_count_is_read_again_only_after_a_write_and_then_follows_it_at_once()
    {
        var (threadId, reader) = await ThreadMentioningAsync();
        var browser = await factory.CreateSignedInBrowserAsync(reader);
        Assert.Contains("1", await NotificationsLinkAsync(browser), StringComparison.Ordinal);

        factory.Log.Reset();
        Assert.Contains("1", await NotificationsLinkAsync(browser), StringComparison.Ordinal);
        // Remembered where one node holds the data (SQLite); with several PostgreSQL nodes another node's write would not be seen.
        var remembered = factory.Services.GetRequiredService<LocalWrites>().Enabled;
        Assert.Equal(factory.Provider == DatabaseProvider.Sqlite, remembered);
        Assert.Equal(remembered ? 0 : 1, factory.Log.Count("\"Notifications\""));

        var author = await factory.CreateMemberAsync();
        var spaceId = await factory.WithDbAsync(db => db.Threads.Where(t => t.Id == threadId).Select(t => t.SpaceId).SingleAsync());
        await factory.AddToSpaceAsync(spaceId, author);
        await factory.ReplyAsync(threadId, author, $"Another question for @{reader.Email!.Split('@')[0]}.");

        Assert.Contains("2", await NotificationsLinkAsync(browser), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_older_than_the_check_interval_is_checked_once_per_interval_not_on_every_request()
    {
        var member = await factory.CreateMemberAsync();
        var browser = await factory.CreateSignedInBrowserAsync(member, keepFirstCookie: true);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        factory.Log.Reset();
        await browser.GetPageAsync("/Spaces");
        var firstChecks = factory.Log.Count("AspNetUserClaims");
        await browser.GetPageAsync("/Spaces");
        await browser.GetPageAsync("/Spaces");
        var allChecks = factory.Log.Count("AspNetUserClaims");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await browser.GetPageAsync("/Spaces");
        var afterInterval = factory.Log.Count("AspNetUserClaims");

        Assert.True(firstChecks > 0, "the first request with an old cookie checks the stamp and rebuilds the principal");
        Assert.Equal(firstChecks, allChecks);
        Assert.True(afterInterval > allChecks, "the next interval checks again");
    }
}
