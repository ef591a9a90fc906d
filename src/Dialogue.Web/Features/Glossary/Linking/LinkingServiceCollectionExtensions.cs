namespace Dialogue.Web.Features.Glossary.Linking;

public static class LinkingServiceCollectionExtensions
{
    /// <summary>Glossary terms linked into posts for each reader.</summary>
    public static IServiceCollection AddDialogueGlossaryLinking(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<GlossaryLinker>();
        return services;
    }
}
