namespace Dialogue.Web.Features.Moderation;

public static class ModerationServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueModeration(this IServiceCollection services)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PostingRules>();
        services.AddScoped<ModeratorActions>();
        services.AddScoped<LabelChanges>();
        services.AddScoped<StaffNotifier>();
        return services;
    }
}
