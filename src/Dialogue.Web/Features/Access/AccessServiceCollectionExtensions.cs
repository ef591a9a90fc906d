using Dialogue.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;

namespace Dialogue.Web.Features.Access;

public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueAccess(this IServiceCollection services)
    {
        services.AddScoped<CurrentViewer>();
        services.AddScoped<ResourceAccessFilter>();
        services.AddScoped<ISendTimeCheck, QueuedEmailRedaction>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<ResourceAccessFilter>());
        return services;
    }
}
