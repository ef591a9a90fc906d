using Dialogue.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>SQLite FTS5 on the embedded default; PostgreSQL's full-text and trigram indexes on Postgres.</summary>
    public static IServiceCollection AddDialogueSearch(this IServiceCollection services)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
