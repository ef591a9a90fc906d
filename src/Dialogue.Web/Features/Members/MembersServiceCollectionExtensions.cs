namespace Dialogue.Web.Features.Members;

public static class MembersServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueMembers(this IServiceCollection services)
    {
        services.AddScoped<ProfileModel.Handler>();
        return services;
    }
}
