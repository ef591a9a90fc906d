using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Privacy;

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>Sessions, personal-data export, account deletion and retention (the rest of Privacy registers itself).</summary>
    public static IServiceCollection AddDialoguePersonalData(this IServiceCollection services)
    {
        services.AddOptions<SessionsOptions>().BindConfiguration(SessionsOptions.Section);
        services.AddScoped<SessionsStore>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<PersonalDataErasure>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<RetentionJob>();
        services.AddScoped<IDemoPart, RetentionDemoPart>();
        // Replaces Identity's own stamp validator (registered by AddIdentity, which runs before this).
        services.AddScoped<SessionsStampValidator>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator>(sp => new RecentStampCheck<SessionsStampValidator>(
            sp.GetRequiredService<IOptions<SecurityStampValidatorOptions>>(), sp.GetRequiredService<IOptions<IdentityOptions>>(),
            sp.GetRequiredService<IMemoryCache>(), SessionsStore.IdOf)));
        return services;
    }
}
