using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Email;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Dialogue.Tests.Infrastructure;

/// <summary>
/// The whole app on its own database (a SQLite file in a temporary folder, or with DIALOGUE_TEST_PROVIDER=Postgres
/// a fresh PostgreSQL database, see <see cref="TestDatabase"/>), with a clock the test drives.
/// Hangfire's server is off so that tests run jobs themselves, deterministically.
/// </summary>
public class DialogueFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.dialogue";
    public const string Password = "correct-horse-42";

    public string DataDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "dialogue-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Leave the database behind on dispose, so a second factory can start on it like a restarted app.</summary>
    public bool KeepDataDirectory { get; set; }

    /// <summary>Extra settings a test class adds (or overrides) before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    private TestDatabase? database;
    private bool ownsDatabase = true;

    /// <summary>The suite's provider unless a test class sets another before the app starts.</summary>
    public DatabaseProvider Provider { get; set; } = TestDatabase.ConfiguredProvider;

    /// <summary>This app's database, created on first use and dropped with the factory unless it was shared in.</summary>
    public TestDatabase Database => database ??= TestDatabase.Create(Provider, DataDirectory);

    /// <summary>Runs this app on another factory's database (a second node), which it neither creates nor drops.</summary>
    public DialogueFactory UseDatabase(TestDatabase shared)
    {
        database = shared;
        ownsDatabase = false;
        Provider = shared.Provider;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Settings.TryGetValue("App:DataDirectory", out var shared) && shared is not null)
        {
            DataDirectory = shared;
        }
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["App:DataDirectory"] = DataDirectory,
            ["Database:Provider"] = Database.Provider.ToString(),
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["App:PublicUrl"] = "http://localhost",
            ["Jobs:RunServer"] = "false",
            ["Email:Transport"] = "Pickup",
            ["RateLimits:AccountPostsPerWindow"] = "10000",
            // Posts appear at once and the clock stands still: review and the posting rate limit are tested by classes that turn them on.
            ["Moderation:FirstPostsToReview"] = "0",
            ["Moderation:PostsPerMinute"] = "10000",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = Password,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<DialogueDbContext, Task> action) =>
        WithScopeAsync(async sp => { await action(sp.GetRequiredService<DialogueDbContext>()); return true; });

    public Task<T> WithDbAsync<T>(Func<DialogueDbContext, Task<T>> action) =>
        WithScopeAsync(sp => action(sp.GetRequiredService<DialogueDbContext>()));

    /// <summary>A confirmed, approved member; unique per call unless an email is given.</summary>
    public Task<DialogueUser> CreateMemberAsync(string? email = null, params string[] roles) => WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<DialogueUser>>();
        email ??= $"member-{Guid.NewGuid():N}@test.dialogue";
        var user = new DialogueUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            CreatedAt = Clock.GetUtcNow(),
            ApprovedAt = Clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, [Roles.Member, .. roles]);
        return user;
    });

    /// <summary>Runs the outbox's sending job once, as Hangfire would.</summary>
    public Task<int> SendOutboxAsync() =>
        WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None));

    public Task<List<OutboxMessage>> OutboxToAsync(string address) =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The first link in the newest message to <paramref name="address"/> whose URL contains <paramref name="pathPart"/>.</summary>
    public async Task<string> LinkInLatestEmailAsync(string address, string pathPart)
    {
        var messages = await OutboxToAsync(address);
        Assert.NotEmpty(messages);
        var link = Links.In(messages[^1].HtmlBody).FirstOrDefault(l => l.Contains(pathPart, StringComparison.Ordinal));
        Assert.True(link is not null, $"No link containing {pathPart} in: {messages[^1].HtmlBody}");
        return link!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepDataDirectory)
        {
            if (ownsDatabase)
            {
                database?.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing background thread; the OS temp cleaner takes it.
            }
        }
    }
}
