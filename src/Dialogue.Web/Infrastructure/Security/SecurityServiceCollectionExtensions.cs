using System.Threading.RateLimiting;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Security;

public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueSecurity(this IServiceCollection services)
    {
        services.AddIdentity<DialogueUser, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Password.RequiredUniqueChars = 4;
            })
            .AddEntityFrameworkStores<DialogueDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DialogueClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Accounts/SignIn";
            o.LogoutPath = "/Accounts/SignOut";
            o.AccessDeniedPath = "/Accounts/AccessDenied";
            o.Cookie.Name = "dialogue.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        // A suspended member's or changed password's old cookies stop working within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddMemoryCache();
        services.AddScoped<CachedSecurityStampValidator>();
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator>(sp => new RecentStampCheck<CachedSecurityStampValidator>(
            sp.GetRequiredService<IOptions<SecurityStampValidatorOptions>>(), sp.GetRequiredService<IOptions<IdentityOptions>>(),
            sp.GetRequiredService<IMemoryCache>(), _ => null)));

        // Keys in the database: cookies, antiforgery tokens and signed links survive restarts and work on every node.
        services.AddDataProtection().SetApplicationName("Dialogue").PersistKeysToDbContext<DialogueDbContext>();

        services.AddAuthorization(Policies.Add);
        services.AddScoped<IAuthorizationHandler, StaffTwoFactorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffTwoFactorResultHandler>();
        services.AddAntiforgery(o => o.Cookie.Name = "dialogue.af");

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitOptions.Accounts, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AccountPostsPerWindow, Window = limits.Window, QueueLimit = 0 });
            });
        });
        return services;
    }
}
