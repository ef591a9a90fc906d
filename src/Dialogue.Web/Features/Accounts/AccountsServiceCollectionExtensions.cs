using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dialogue.Web.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueAccounts(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddScoped<FirstAdmin>();
        services.AddScoped<DemoSeeder>();

        // Suspended accounts can neither sign in nor keep an old cookie alive (see DialogueSignInManager).
        services.Replace(ServiceDescriptor.Scoped<SignInManager<DialogueUser>, DialogueSignInManager>());
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, LocalizedIdentityErrors>());

        services.AddMemoryCache();
        services.AddScoped<AccountEmails>();
        services.AddScoped<StaffTwoFactor>();
        services.AddScoped<RegisterModel.Handler>();
        services.Configure<MvcOptions>(o => o.Filters.Add<StaffTwoFactorFilter>());
        return services;
    }
}
