using Dialogue.Data;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Search;
using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Glossary;

public static class GlossaryServiceCollectionExtensions
{
    /// <summary>Glossary terms join the site search by wrapping the posts' <see cref="ISearchIndex"/> (this registration wins: call it after AddDialogueSearch).</summary>
    public static IServiceCollection AddDialogueGlossary(this IServiceCollection services)
    {
        services.AddScoped<GlossaryAccess>();
        services.AddScoped<GlossaryEntries>();
        services.AddScoped<GlossaryNotifications>();
        services.AddScoped<IDemoPart, GlossaryDemo>();
        services.AddScoped<IDigestSection, GlossaryChangesSection>();

        services.AddScoped<ISearchIndex>(sp => new GlossarySearchIndex(SearchServiceCollectionExtensions.PostsIndex(sp), sp.GetRequiredService<DialogueDbContext>(),
            sp.GetRequiredService<Linking.GlossaryLinker>()));
        return services;
    }
}
