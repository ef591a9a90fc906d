using Dialogue.Web.Features;
using Dialogue.Web.Features.Threads.Markdown;

namespace Dialogue.Web.Features.Threads;

public static class ThreadsServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueThreads(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<PostRenderer>();
        services.AddScoped<PostDisplay>();
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
