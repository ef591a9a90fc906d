using Dialogue.Benchmarks.Generate;
using Dialogue.Data;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Performance;

/// <summary>
/// The benchmark data generator (tests/Dialogue.Benchmarks/Generate): a seed decides the whole site, and its bulk
/// path leaves the database as the app's own write path (Posting, post by post) would: the same HTML and text, the
/// same numbers and counters, the same read marks and the same search hits.
/// </summary>
public sealed class SiteGeneratorTests
{
    private const double TinyScale = 0.003;

    private static async Task<DialogueFactory> GenerateAsync(int seed, SiteWriter.ThreadPath path)
    {
        var factory = new DialogueFactory();
        factory.CreateClient().Dispose();
        // AdjustTime, not SetUtcNow: the write path steps the clock back to each post's time, and no timer is due.
        factory.Clock.AdjustTime(SitePlan.Now);
        await new SiteWriter(factory.Services, factory.Clock.AdjustTime).WriteAsync(SitePlan.Create(seed, TinyScale), path, CancellationToken.None);
        return factory;
    }

    /// <summary>Everything a reader or a counter sees of the generated content, in a comparable form.</summary>
    private static Task<List<string>> ContentAsync(DialogueFactory factory) => factory.WithDbAsync<List<string>>(async db =>
    {
        var users = (await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@scale.example.org")).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Country, u.TimeZoneId, u.UiCulture }).ToListAsync())
            .Select(u => string.Join('|', u.Id, u.Email, u.DisplayName, u.Country, u.TimeZoneId, u.UiCulture));
        var spaces = (await db.Spaces.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Slug, s.Name, s.DefaultLabel, s.JoinPolicy, Members = s.Members.Count }).ToListAsync())
            .Select(s => string.Join('|', s.Id, s.Slug, s.Name, s.DefaultLabel, s.JoinPolicy, s.Members));
        var threads = (await db.Threads.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.SpaceId, t.Title, t.Label, t.AuthorId, t.CreatedAt, t.LastActivityAt, t.PostCount, t.Status, Participants = t.Participants.Count })
            .ToListAsync()).Select(t => string.Join('|', t.Id, t.SpaceId, t.Title, t.Label, t.AuthorId, t.CreatedAt.ToUnixTimeSeconds(), t.LastActivityAt.ToUnixTimeSeconds(), t.PostCount, t.Status, t.Participants));
        var posts = (await db.Posts.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.ThreadId, p.Number, p.AuthorId, p.Source, p.Html, p.PlainText, p.RendererVersion, p.QuotedPostId, p.Status, p.CreatedAt })
            .ToListAsync()).Select(p => string.Join('|', p.Id, p.ThreadId, p.Number, p.AuthorId, p.Source, p.Html, p.PlainText, p.RendererVersion, p.QuotedPostId, p.Status, p.CreatedAt.ToUnixTimeSeconds()));
        return [.. users, .. spaces, .. threads, .. posts];
    });

    private static Task<List<string>> MarksAsync(DialogueFactory factory) => factory.WithDbAsync<List<string>>(async db =>
    {
        var reads = (await db.ReadStates.AsNoTracking().Select(r => new { r.UserId, r.ThreadId, r.LastReadPostNumber }).ToListAsync())
            .Select(r => $"read|{r.UserId}|{r.ThreadId}|{r.LastReadPostNumber}");
        var watches = (await db.Watches.AsNoTracking().Select(w => new { w.UserId, w.ThreadId }).ToListAsync()).Select(w => $"watch|{w.UserId}|{w.ThreadId}");
        return reads.Concat(watches).Order(StringComparer.Ordinal).ToList();
    });

    private static readonly string[] Queries = ["evaluation", "protocol", "评估", "红队测试", "Привет", "threshold", "temperature", "the"];

    private static async Task<List<string>> SearchAsync(DialogueFactory factory, string? memberId)
    {
        var found = new List<string>();
        foreach (var query in Queries)
        {
            found.AddRange(await factory.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<DialogueDbContext>();
                var viewer = memberId is null ? Viewer.Anonymous : await ViewerLoader.ForUserAsync(db, memberId, CancellationToken.None);
                var results = await sp.GetRequiredService<ISearchIndex>().SearchAsync(new SearchQuery(query), viewer, CancellationToken.None);
                return results.Hits.Select(h => $"{query}|{h.PostId}|{h.ThreadId}|{h.Number}|{h.ThreadTitle}|{h.AuthorName}|{h.SnippetHtml}").Append($"{query}|more={results.HasMore}");
            }));
        }
        return found;
    }

    [Fact]
    public async Task The_same_seed_generates_the_same_site_and_another_seed_a_different_one()
    {
        var plan = SitePlan.Create(7, TinyScale);
        Assert.Equal(600, plan.PostCount);
        using var first = await GenerateAsync(7, SiteWriter.ThreadPath.Bulk);
        using var second = await GenerateAsync(7, SiteWriter.ThreadPath.Bulk);
        using var other = await GenerateAsync(8, SiteWriter.ThreadPath.Bulk);

        var content = await ContentAsync(first);
        Assert.True(content.Count > 600, $"only {content.Count} rows generated");
        Assert.Equal(content, await ContentAsync(second));
        Assert.NotEqual(content, await ContentAsync(other));
    }

    [Fact]
    public async Task The_bulk_path_writes_what_the_app_write_path_writes()
    {
        var plan = SitePlan.Create(11, TinyScale);
        using var bulk = await GenerateAsync(11, SiteWriter.ThreadPath.Bulk);
        using var posted = await GenerateAsync(11, SiteWriter.ThreadPath.WritePath);

        var content = await ContentAsync(bulk);
        Assert.Equal(content, await ContentAsync(posted));
        Assert.Contains(content, row => row.Contains("data-mention=", StringComparison.Ordinal));
        Assert.Contains(content, row => row.Contains("<pre><code", StringComparison.Ordinal));
        Assert.Equal(await MarksAsync(bulk), await MarksAsync(posted));

        // As a visitor, as a member of the first space, and as a participant of a RED thread.
        var red = plan.Threads.First(t => t.Label == Dialogue.Data.Sensitivity.SensitivityLabel.Red);
        foreach (var memberId in new[] { null, plan.Members[plan.Spaces[0].Members[0]].Id, plan.Members[red.Author].Id })
        {
            var hits = await SearchAsync(bulk, memberId);
            Assert.Contains(hits, h => !h.Contains("|more=", StringComparison.Ordinal));
            Assert.Equal(hits, await SearchAsync(posted, memberId));
        }
    }
}
