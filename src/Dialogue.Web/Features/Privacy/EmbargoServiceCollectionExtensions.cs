using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Privacy;

public static class EmbargoServiceCollectionExtensions
{
    /// <summary>Scheduled threads and posts: their release (job and early release) and the demo's scheduled thread.</summary>
    public static IServiceCollection AddDialogueEmbargo(this IServiceCollection services)
    {
        services.AddScoped<Embargoes>();
        services.AddScoped<EmbargoInput>();
        services.AddScoped<IDemoPart, EmbargoDemoPart>();
        return services;
    }
}
