using Dialogue.Web.Infrastructure.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>SQLite FTS5 on the embedded default; PostgreSQL's full-text and trigram indexes on Postgres.</summary>
    public static IServiceCollection AddDialogueSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RememberedMatches>();
        services.AddScoped<SearchWindow>();
        services.AddScoped<SqliteSearchIndex>();
        services.AddScoped<PostgresSearchIndex>();
        services.AddScoped(PostsIndex);
        return services;
    }

    /// <summary>The search over posts for the configured database, for features that add their own results around it.</summary>
    public static ISearchIndex PostsIndex(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? services.GetRequiredService<PostgresSearchIndex>()
            : services.GetRequiredService<SqliteSearchIndex>();
}

/// <summary>The store of <see cref="SearchOptions.RememberedMegabytes"/>: its own, so large batches never crowd out what else is remembered.</summary>
public sealed class RememberedMatches(IOptions<SearchOptions> options) : IDisposable
{
    public MemoryCache Store { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.RememberedMegabytes * 1024L * 1024L });

    public void Dispose() => Store.Dispose();
}
