namespace Dialogue.Web.Features.Calendars;

public static class CalendarsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueCalendars(this IServiceCollection services)
    {
        services.AddScoped<WorkshopCalendar>();
        services.AddScoped<CalendarFeeds>();
        return services;
    }
}
