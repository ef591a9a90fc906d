using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Workshops.Polls;

public static class PollsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueWorkshopPolls(this IServiceCollection services)
    {
        services.AddScoped<PollNotifications>();
        services.AddScoped<NewModel.Handler>();
        services.AddScoped<DetailsModel.Handler>();
        services.AddScoped<IDemoPart, PollsDemo>();
        return services;
    }
}
