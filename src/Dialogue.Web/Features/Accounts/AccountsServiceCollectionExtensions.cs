using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueAccounts(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddScoped<FirstAdmin>();
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
