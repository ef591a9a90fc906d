using System.Globalization;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Caching;

/// <summary>
/// Output caching for signed-out readers only. A signed-in request never looks in the cache nor stores in it, so one
/// reader's page can never reach another; a visitor's page varies by language and time zone (the only things about a
/// visitor a page shows) and by query. Every change to content evicts all cached pages (<see cref="AnonymousPageEviction"/>),
/// and a page rendered while a change committed is not stored.
/// </summary>
public sealed class AnonymousPageCache(IServiceProvider services, IOptions<CachingOptions> caching, IOptions<DatabaseOptions> database,
    IOptions<CookieTempDataProviderOptions> tempData) : IOutputCachePolicy
{
    public const string PolicyName = "AnonymousReaders";
    public const string Tag = "anonymous-pages";

    /// <summary>
    /// The pages a signed-out reader reads most; each shows only what a visitor may read (CLEAR), or answers 404. Search is
    /// among them: a visitor's results depend only on the query, and the same few queries come again and again.
    /// </summary>
    public static readonly IReadOnlyList<string> Pages = ["/Index", "/Spaces/Index", "/Spaces/Details", "/Threads/Details", "/Search/Index"];

    private static readonly object GenerationKey = new();

    private long generation;

    public bool Enabled { get; } = caching.Value.AnonymousPages ?? database.Value.Provider == DatabaseProvider.Sqlite;

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var page in Pages)
        {
            conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new OutputCacheAttribute { PolicyName = PolicyName }));
        }
    }

    /// <summary>Forgets every cached page; a page being rendered now (perhaps from data read before the change) is not stored.</summary>
    public async ValueTask EvictAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref generation);
        // Resolved late: the store is built from the output-cache options, which hold this policy.
        await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, ct);
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey("Authorization")
            // A status message waiting for this visitor is theirs alone.
            && !request.Cookies.ContainsKey(tempData.Value.Cookie.Name!);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return ValueTask.CompletedTask;
        }
        http.Items[GenerationKey] = Interlocked.Read(ref generation);
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(caching.Value.AnonymousPageSeconds);
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["zone"] = (TimeZones.TryFind(request.Cookies[ViewerTime.ZoneCookie]) ?? TimeZoneInfo.Utc).Id;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        // Only a plain page: not a 404 (a thread that may be raised to CLEAR later), not a redirect, nothing that sets a cookie.
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || http.Response.Headers.SetCookie.Count > 0
            || http.Items[GenerationKey] is not long started
            || started != Interlocked.Read(ref generation))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
