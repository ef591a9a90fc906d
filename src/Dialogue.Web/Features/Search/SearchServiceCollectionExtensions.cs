using Dialogue.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>SQLite FTS5 on the embedded default; PostgreSQL's full-text and trigram indexes on Postgres.</summary>
    public static IServiceCollection AddDialogueSearch(this IServiceCollection services)
    {
        services.AddScoped<SqliteSearchIndex>();
        services.AddScoped<PostgresSearchIndex>();
        services.AddScoped<ISearchIndex>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresSearchIndex>()
            : sp.GetRequiredService<SqliteSearchIndex>());
        return services;
    }
}
