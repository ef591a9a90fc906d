using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Privacy.AccessReviews;

public static class AccessReviewServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueAccessReviews(this IServiceCollection services)
    {
        services.AddOptions<AccessReviewOptions>().BindConfiguration(AccessReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AccessReviewJob>();
        services.AddScoped<IDemoPart, AccessReviewDemoPart>();
        return services;
    }
}
