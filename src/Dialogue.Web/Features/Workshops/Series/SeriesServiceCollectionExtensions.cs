using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Workshops.Series;

public static class SeriesServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueWorkshopSeries(this IServiceCollection services)
    {
        services.AddScoped<SeriesLoader>();
        services.AddScoped<SeriesEditor>();
        services.AddScoped<IDemoPart, SeriesDemo>();
        return services;
    }
}
