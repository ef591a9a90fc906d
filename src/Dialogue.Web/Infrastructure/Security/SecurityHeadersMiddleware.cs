using Dialogue.Web.Infrastructure.Jobs;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Security;

/// <summary>Headers every response carries. The CSP allows no inline script or style, and no third-party origin.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<JobsOptions> jobs)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // Hangfire's dashboard bundles Chart.js 2.9, which injects a <style> element for its resize monitor;
    // Chromium refuses it under style-src 'self' and the overview charts lose their sizing. Its scripts are
    // all one same-origin bundle, so only inline style is allowed, only on the admin-only dashboard path,
    // and everything else (script-src 'self', frame-ancestors 'none') stays as strict as the rest of the site.
    private const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private readonly PathString dashboardPath = new(jobs.Value.DashboardPath);

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments(dashboardPath, StringComparison.OrdinalIgnoreCase)
            ? DashboardContentSecurityPolicy
            : ContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = policy;
            }
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
