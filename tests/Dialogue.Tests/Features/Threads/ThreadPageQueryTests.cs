using System.Data.Common;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Threads;

/// <summary>The thread page costs the same few queries whether a page holds 2 posts or 20, with mentions and quotes (no N+1).</summary>
public sealed class ThreadPageQueryTests(ThreadPageQueryTests.CountingFactory factory) : IClassFixture<ThreadPageQueryTests.CountingFactory>
{
    public sealed class CountingFactory : DialogueFactory
    {
        public Counter Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<DialogueDbContext>(o => o.AddInterceptors(Commands)));
        }
    }

    public sealed class Counter : DbCommandInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<int> QueriesForThreadAsync(int posts, HttpClient reader, Dialogue.Data.Accounts.DialogueUser author, long spaceId)
    {
        var others = new List<Dialogue.Data.Accounts.DialogueUser>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await factory.CreateMemberAsync());
        }
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Green, ThreadsWorld.Unique("Speed"), "opening");
        var first = await factory.FirstPostAsync(thread.Id);
        for (var i = 2; i <= posts; i++)
        {
            var mention = "@" + others[i % others.Count].Email!.Split('@')[0];
            await factory.ReplyAsync(thread.Id, author, $"> [quote={first.Id}]\n>\n> opening\n\nreply {i} for {mention}");
        }
        await reader.GetAsync($"/Threads/{thread.Id}");  // first visit: creates the read mark
        await factory.ReplyAsync(thread.Id, author, "one more, unread");
        factory.Commands.Reset();
        var response = await reader.GetAsync($"/Threads/{thread.Id}");
        var count = factory.Commands.Count;
        Assert.True(response.IsSuccessStatusCode);
        return count;
    }

    /// <summary>A GREEN thread opened by a member of its space, and another member signed in to read it.</summary>
    private async Task<(Dialogue.Data.Accounts.DialogueUser Author, HttpClient Reader, Dialogue.Data.Threads.DiscussionThread Thread)> ThreadAndReaderAsync(string title)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var reader = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Green, ThreadsWorld.Unique(title), "opening");
        return (author, reader, thread);
    }

    [Fact]
    public async Task Thread_page_query_count_does_not_grow_with_the_posts_on_it()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Green);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var readerUser = await factory.CreateMemberAsync();
        var reader = await factory.CreateSignedInBrowserAsync(readerUser);

        var few = await QueriesForThreadAsync(2, reader, author, space.Id);
        var many = await QueriesForThreadAsync(19, reader, author, space.Id);
        Assert.Equal(few, many);
        // 11 before the thread's head was remembered between writes (LocalWrites; with several PostgreSQL nodes it is read afresh)
        var remembers = factory.Services.GetRequiredService<Dialogue.Web.Infrastructure.Caching.LocalWrites>().Enabled;
        Assert.True(many <= (remembers ? 10 : 11), $"{many} queries"); // 12 before notifications were marked read in a batch instead of by the page
    }

    [Fact]
    public async Task A_member_re_reading_a_page_with_nothing_new_asks_the_database_nothing()
    {
        var (author, reader, thread) = await ThreadAndReaderAsync("Reread");
        var first = await factory.FirstPostAsync(thread.Id);
        await factory.ReplyAsync(thread.Id, author, $"> [quote={first.Id}]\n>\n> opening\n\na reply for @{author.Email!.Split('@')[0]}");
        await reader.GetAsync($"/Threads/{thread.Id}"); // moves the read mark: a write, so what is remembered is read again next
        await reader.GetAsync($"/Threads/{thread.Id}");

        factory.Commands.Reset();
        var page = await reader.GetStringAsync($"/Threads/{thread.Id}");

        Assert.Contains("a reply for", page);
        // The thread's head, the page's posts, the reader's read mark and watch, the quoted posts and their authors, the
        // viewer's memberships, the mentioned names and the header's counts come from memory until the next write — where
        // this node's writes are all there are (LocalWrites; with several PostgreSQL nodes each page reads them afresh,
        // and asks which posts shown were notified without knowing first that nothing is unread).
        var remembers = factory.Services.GetRequiredService<Dialogue.Web.Infrastructure.Caching.LocalWrites>().Enabled;
        Assert.Equal(remembers ? 0 : 9, factory.Commands.Count);
    }

    [Fact]
    public async Task A_member_re_reading_the_first_page_of_a_thread_read_no_further_asks_the_database_nothing()
    {
        var (author, reader, thread) = await ThreadAndReaderAsync("Long read");
        for (var i = 2; i <= Dialogue.Web.Features.Threads.DetailsModel.PageSize + 1; i++)
        {
            await factory.ReplyAsync(thread.Id, author, $"reply {i}");
        }
        await reader.GetAsync($"/Threads/{thread.Id}"); // moves the read mark to the page's last post: a write
        await reader.GetAsync($"/Threads/{thread.Id}");

        factory.Commands.Reset();
        var page = await reader.GetStringAsync($"/Threads/{thread.Id}");

        Assert.Contains("reply 20", page);
        Assert.DoesNotContain("reply 21", page);
        Assert.Contains($"/Threads/{thread.Id}?p=2", page); // the second page is still offered
        // Where the reader stands in the thread (their last readable post and first unread one) is asked on every view of
        // a thread not read to its end; it is remembered with the rest until the next write.
        var remembers = factory.Services.GetRequiredService<Dialogue.Web.Infrastructure.Caching.LocalWrites>().Enabled;
        Assert.Equal(remembers ? 0 : 8, factory.Commands.Count);
    }
}
