using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Workshops;

public static class WorkshopsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueWorkshops(this IServiceCollection services)
    {
        services.AddScoped<WorkshopLoader>();
        services.AddScoped<WorkshopEditor>();
        services.AddScoped<Registrations>();
        services.AddScoped<WorkshopMail>();
        services.AddScoped<WorkshopReminderJob>();
        services.AddScoped<Dialogue.Web.Features.Digests.IDigestSection, UpcomingWorkshopsSection>();
        services.AddOptions<WorkshopReminderOptions>().BindConfiguration(WorkshopReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IDemoPart, WorkshopsDemo>();
        return services;
    }
}
