using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Privacy;

public static class ChathamHouseServiceCollectionExtensions
{
    /// <summary>Chatham House pseudonyms and the access log.</summary>
    public static IServiceCollection AddDialogueChathamHouse(this IServiceCollection services)
    {
        services.AddOptions<AccessLogOptions>().BindConfiguration(AccessLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Pseudonyms>();
        services.AddSingleton<AccessLog>();
        services.AddHostedService<AccessLogWriter>();
        services.AddScoped<AccessLogQuery>();
        services.AddScoped<IDemoPart, ChathamHouseDemo>();
        return services;
    }
}
