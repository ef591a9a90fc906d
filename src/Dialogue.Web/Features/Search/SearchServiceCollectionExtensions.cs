namespace Dialogue.Web.Features.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>SQLite FTS5 by default; the PostgreSQL build registers its own <see cref="ISearchIndex"/> for that provider.</summary>
    public static IServiceCollection AddDialogueSearch(this IServiceCollection services)
    {
        services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        return services;
    }
}
