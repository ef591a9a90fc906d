using Dialogue.Data;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Http;
using Dialogue.Web.Infrastructure.Jobs;
using Dialogue.Web.Infrastructure.Security;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure;

public static class DialogueApplicationExtensions
{
    /// <summary>Brings the database up to date and makes sure someone can become the first admin.</summary>
    public static async Task PrepareDialogueAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        try
        {
            var db = services.GetRequiredService<DialogueDbContext>();
            if (database.MigrateOnStart)
            {
                // A migration that rewrites every post or builds an index over them (PgFullText) outlasts the default
                // 30 s on a large site.
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
                await db.Database.MigrateAsync();
                db.Database.SetCommandTimeout(null);
            }
            if (db.Database.IsSqlite())
            {
                // Readers never wait for the writer; set once, the mode stays with the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            await services.GetRequiredService<SqliteStatistics>().RefreshAsync(CancellationToken.None);
            // Before the first-admin check: the demo brings its own admin, so no set-up link is printed.
            await services.GetRequiredService<DemoSeeder>().SeedIfAskedAsync(CancellationToken.None);
            await services.GetRequiredService<FirstAdmin>().EnsureAsync(CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseUnavailableException.From(ex, database, services.GetRequiredService<IOptions<AppOptions>>().Value) is { } unavailable)
        {
            // A bare "SQLite Error 14" names neither the file nor the cause.
            throw unavailable;
        }
        RecurringJobs.Register(services.GetRequiredService<IRecurringJobManager>(), services.GetRequiredService<IOptions<RetentionOptions>>().Value,
            services.GetRequiredService<IOptions<Features.Privacy.AccessReviews.AccessReviewOptions>>().Value);
        await OutdatedPostsJob.EnqueueIfNeededAsync(services.GetRequiredService<DialogueDbContext>(), services.GetRequiredService<IBackgroundJobClient>(), CancellationToken.None);
    }

    public static WebApplication UseDialogue(this WebApplication app)
    {
        app.UseDialogueForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseDialogueRequestGuards();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthorization();
        // After authentication and localisation: the anonymous page cache needs to know who asks, and in which language.
        app.UseOutputCache();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        app.MapHangfireDashboard(jobs.DashboardPath, new DashboardOptions
        {
            // The admin policy decides, at the endpoint and again in the dashboard; Hangfire's default filter would only allow local requests.
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            AppPath = "/admin",
            DashboardTitle = "Dialogue jobs",
        }).RequireAuthorization(Policies.Admin);
        app.MapRazorPages();
        return app;
    }
}
