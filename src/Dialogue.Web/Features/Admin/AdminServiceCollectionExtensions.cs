namespace Dialogue.Web.Features.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueAdmin(this IServiceCollection services)
    {
        services.AddScoped<AdminAudit>();
        services.AddScoped<MemberModel.Handler>();
        services.AddScoped<MailModel.Handler>();
        return services;
    }
}
