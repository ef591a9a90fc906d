using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Jobs;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Localization;

namespace Dialogue.Web.Infrastructure;

public static class DialogueBuilderExtensions
{
    public static WebApplicationBuilder AddDialogue(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        services.AddDialogueData();
        services.AddDialogueSecurity();
        services.AddDialogueEmail();
        services.AddDialogueJobs(builder.Configuration);
        services.AddDialogueAccounts();
        services.AddDialogueAccess();
        services.AddDialogueThreads();
        services.AddDialogueDigests();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures.English);
            o.SupportedCultures = [.. SupportedCultures.All];
            o.SupportedUICultures = [.. SupportedCultures.All];
            o.RequestCultureProviders.Insert(0, new ProfileCultureProvider());
            o.RequestCultureProviders = [.. o.RequestCultureProviders.Where(p => p is not QueryStringRequestCultureProvider)];
        });
        services.AddScoped<ViewerTime>();

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                AnonymousPages.Apply(o.Conventions);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = FeatureText.For);
        return builder;
    }
}
