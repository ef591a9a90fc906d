using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dialogue.Web.Features.Digests;

public static class DigestsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueDigests(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAuthorDisplay, AuthorDisplay>();
        services.AddSingleton<UnsubscribeTokens>();
        services.TryAddScoped<IDigestSpaceSource, NoDigestSpaces>();
        services.AddScoped<DigestRecipients>();
        services.AddScoped<DigestComposer>();
        services.AddScoped<DigestDelivery>();
        services.AddScoped<DigestScheduler>();
        services.AddScoped<DigestBatchJob>();
        services.AddScoped<DigestPreviews>();
        services.AddScoped<Unsubscriptions>();
        services.AddScoped<PublicSubscriptions>();
        services.AddScoped<SettingsModel.Handler>();
        // Sections: each feature adds its own with services.AddScoped<IDigestSection, TheirSection>().
        return services;
    }
}
