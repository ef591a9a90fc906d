using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Digests;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dialogue.Tests.Features.Digests;

/// <summary>The app with the test section registered, and helpers to subscribe members and run the digest jobs as Hangfire would.</summary>
public class DigestsFactory : DialogueFactory
{
    public DigestsFactory(string? dataDirectory = null)
    {
        if (dataDirectory is not null)
        {
            Settings["App:DataDirectory"] = dataDirectory;
        }
    }

    /// <summary>Jobs the app enqueued; the tests run them themselves.</summary>
    public RecordingJobClient Jobs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddScoped<IDigestSection, TestSection>();
            services.RemoveAll<IBackgroundJobClient>();
            services.AddSingleton<IBackgroundJobClient>(Jobs);
        });
    }

    /// <summary>A member with a digest chosen through the settings page's handler, in the given zone.</summary>
    public async Task<DialogueUser> MemberWithDigestAsync(
        DigestFrequency frequency = DigestFrequency.Daily, int hour = 8, string zone = "UTC",
        DayOfWeek weekday = DayOfWeek.Monday, string? culture = null, string? email = null)
    {
        var user = await CreateMemberAsync(email);
        await WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zone).SetProperty(u => u.UiCulture, culture)));
        await SetDigestAsync(user.Id, frequency, hour, weekday);
        return user;
    }

    public Task SetDigestAsync(string userId, DigestFrequency frequency, int hour, DayOfWeek weekday = DayOfWeek.Monday) =>
        WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SettingsModel.Handler>().SaveAsync(userId,
                new SettingsModel.Command { Frequency = frequency, LocalHour = hour, Weekday = weekday }, CancellationToken.None);
            return true;
        });

    public Task SetZoneAsync(string userId, string zone) =>
        WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zone)));

    /// <summary>One run of the recurring scheduler, then every batch it enqueued, one after the other.</summary>
    public async Task<Dictionary<DeliveryOutcome, int>> RunDigestJobsAsync()
    {
        var batches = await WithScopeAsync(sp => sp.GetRequiredService<DigestScheduler>().ScanAsync(CancellationToken.None));
        var total = new Dictionary<DeliveryOutcome, int>();
        foreach (var batch in batches)
        {
            foreach (var (outcome, count) in await RunBatchAsync(batch))
            {
                total[outcome] = total.GetValueOrDefault(outcome) + count;
            }
        }
        return total;
    }

    public Task<IReadOnlyDictionary<DeliveryOutcome, int>> RunBatchAsync(DigestBatch batch) =>
        WithScopeAsync(sp => sp.GetRequiredService<DigestBatchJob>().RunAsync(batch.Kind, batch.Ids, CancellationToken.None));

    public Task<DeliveryOutcome> DeliverAsync(string userId) =>
        WithScopeAsync(sp => sp.GetRequiredService<DigestDelivery>().DeliverAsync(DigestRecipientKind.Member, userId, CancellationToken.None));

    public Task<List<DigestLedgerEntry>> LedgerOfAsync(string recipientId) =>
        WithDbAsync(db => db.DigestLedger.AsNoTracking().Where(l => l.RecipientId == recipientId).OrderBy(l => l.PeriodKey).ToListAsync());

    /// <summary>Digest messages (not confirmations or tests) in the outbox for an address.</summary>
    public async Task<List<Dialogue.Data.Email.OutboxMessage>> DigestsToAsync(string address) =>
        [.. (await OutboxToAsync(address)).Where(m => m.Kind == DigestDelivery.OutboxKind)];

    /// <summary>Moves the clock forward in steps (as the five-minute schedule would run), running the digest jobs at each.</summary>
    public async Task RunUntilAsync(DateTimeOffset end, TimeSpan? step = null, Func<DateTimeOffset, Task>? atEachStep = null)
    {
        var by = step ?? TimeSpan.FromMinutes(15);
        while (Clock.GetUtcNow() < end)
        {
            Clock.Advance(by);
            if (atEachStep is not null)
            {
                await atEachStep(Clock.GetUtcNow());
            }
            await RunDigestJobsAsync();
        }
    }

    /// <summary>A client signed in as <paramref name="user"/> with a real Identity cookie, without the sign-in page.</summary>
    public async Task<HttpClient> SignedInClientAsync(DialogueUser user, bool followRedirects = true)
    {
        var (cookieName, cookieValue) = await this.AuthCookieAsync(user);
        var baseAddress = new Uri("http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(cookieName, cookieValue, "/"));
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(), new CookieContainerHandler(cookies)]
            : [new CookieContainerHandler(cookies)];
        return CreateDefaultClient(baseAddress, handlers);
    }

    public Task<DialogueUser> AdminAsync() => WithScopeAsync(async sp =>
        (await sp.GetRequiredService<UserManager<DialogueUser>>().FindByEmailAsync(AdminEmail))!);
}
