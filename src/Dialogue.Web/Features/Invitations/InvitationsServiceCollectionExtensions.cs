namespace Dialogue.Web.Features.Invitations;

public static class InvitationsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueInvitations(this IServiceCollection services)
    {
        services.AddScoped<IndexModel.Handler>();
        return services;
    }
}
