using System.Net;
using Dialogue.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>Request-level guards: trusted proxies, secure cookies, clean request text, pages that refuse what they do not serve.</summary>
    public static IServiceCollection AddDialogueHttp(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "Proxy:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Proxy:KnownNetworks must be CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // Behind a TLS proxy the app must know the request was HTTPS: secure cookies, HSTS, no mixed links.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        // Antiforgery's own default is never Secure, whatever the request.
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddScoped<RequestTextFilter>();
        services.AddScoped<StorageFaultFilter>();
        services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new BooleanModelBinder.Provider());
            o.Filters.Add<PageMethodFilter>();
            o.Filters.AddService<RequestTextFilter>();
            o.Filters.AddService<StorageFaultFilter>();
        });
        services.AddHostedService<PublicUrlCheck>();
        return services;
    }

    /// <summary>The guards that run before routing: forwarded headers first, so everything after sees the client's scheme.</summary>
    public static WebApplication UseDialogueForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseDialogueRequestGuards(this WebApplication app)
    {
        app.UseCookiePolicy();
        app.UseMiddleware<RequestTextMiddleware>();
        // Hangfire's stats endpoint reads a posted form whatever the method, so any other request was a 500.
        var stats = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.DashboardPath.TrimEnd('/') + "/stats";
        app.Use((context, next) =>
        {
            if (context.Request.Path.Equals(stats, StringComparison.OrdinalIgnoreCase) && !(HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = HttpMethods.Post;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }
}
