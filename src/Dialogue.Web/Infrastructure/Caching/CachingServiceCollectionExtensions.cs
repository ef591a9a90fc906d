using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dialogue.Web.Infrastructure.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>Signed-out readers' pages from memory (<see cref="AnonymousPageCache"/>), and no cookie a page does not need.</summary>
    public static IServiceCollection AddDialogueCaching(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnonymousPageCache>();
        services.AddSingleton<AnonymousPageEviction>();
        services.AddMemoryCache();
        services.AddSingleton<LocalWrites>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<AnonymousPageCache, Microsoft.Extensions.Options.IOptions<CachingOptions>>((o, cache, caching) =>
        {
            o.AddPolicy(AnonymousPageCache.PolicyName, cache);
            o.SizeLimit = caching.Value.AnonymousPageMegabytes * 1024L * 1024L;
        });
        services.TryAddSingleton<CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<ITempDataProvider, QuietTempDataProvider>());
        return services;
    }
}
