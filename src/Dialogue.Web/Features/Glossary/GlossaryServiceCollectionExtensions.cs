using Dialogue.Data;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Search;
using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Glossary;

public static class GlossaryServiceCollectionExtensions
{
    /// <summary>Call after AddDialogueSearch: glossary terms join the site search by wrapping its <see cref="ISearchIndex"/>.</summary>
    public static IServiceCollection AddDialogueGlossary(this IServiceCollection services)
    {
        services.AddScoped<GlossaryAccess>();
        services.AddScoped<GlossaryEntries>();
        services.AddScoped<GlossaryNotifications>();
        services.AddScoped<IDemoPart, GlossaryDemo>();
        services.AddScoped<IDigestSection, GlossaryChangesSection>();

        var posts = services.LastOrDefault(d => d.ServiceType == typeof(ISearchIndex))?.ImplementationType
            ?? throw new InvalidOperationException("AddDialogueGlossary wraps the site search: register an ISearchIndex type (AddDialogueSearch) first.");
        services.AddScoped(posts);
        services.AddScoped<ISearchIndex>(sp => new GlossarySearchIndex((ISearchIndex)sp.GetRequiredService(posts), sp.GetRequiredService<DialogueDbContext>()));
        return services;
    }
}
