using Dialogue.Web.Features.Digests.ThreadSections;

namespace Dialogue.Web.Features.Digests;

public static class DigestsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueDigests(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAuthorDisplay, AuthorDisplay>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<IDigestSpaceSource, ThreadDigestSpaces>();
        services.AddScoped<DigestRecipients>();
        services.AddScoped<DigestComposer>();
        services.AddScoped<DigestDelivery>();
        services.AddScoped<DigestScheduler>();
        services.AddScoped<DigestBatchJob>();
        services.AddScoped<DigestPreviews>();
        services.AddScoped<Unsubscriptions>();
        services.AddScoped<PublicSubscriptions>();
        services.AddScoped<SettingsModel.Handler>();
        // Sections: each feature adds its own with services.AddScoped<IDigestSection, TheirSection>(); the job takes them all.
        services.AddScoped<ThreadDigestReader>();
        services.AddScoped<ReadingGroups>();
        services.AddScoped<IDigestSection, NewThreadsSection>();
        services.AddScoped<IDigestSection, ActiveThreadsSection>();
        services.AddScoped<IDigestSection, FollowedRepliesSection>();
        services.AddScoped<IDigestSection, MentionsSection>();
        return services;
    }
}
