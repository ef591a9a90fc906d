using Dialogue.Web.Features;
using Dialogue.Web.Features.Threads.Markdown;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Threads;

public static class ThreadsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueThreads(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<PostRenderer>();
        services.AddScoped<PostDisplay>();
        services.AddScoped<UnreadNotifications>();
        services.AddSingleton<RememberedThreadPosts>();
        services.AddScoped<ThreadHeads>();
        services.AddScoped<PostPreview>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationPreferences>();
        services.AddScoped<Posting>();
        services.AddScoped<IndexModel.Handler>();
        services.AddScoped<TitleModel.Handler>();
        services.AddScoped<OutdatedPostsJob>();
        services.AddSingleton<NotificationReceipts>();
        services.AddHostedService<NotificationReceiptWriter>();
        return services;
    }
}

/// <summary>The store of <see cref="CachingOptions.ThreadPostsMegabytes"/>: its own, so pages of posts never crowd out what else is remembered.</summary>
public sealed class RememberedThreadPosts(IOptions<CachingOptions> options) : IDisposable
{
    public MemoryCache Store { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.ThreadPostsMegabytes * 1024L * 1024L });

    public void Dispose() => Store.Dispose();
}
