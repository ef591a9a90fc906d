using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Accounts;
using Dialogue.Web.Features.Admin;
using Dialogue.Web.Features.Calendars;
using Dialogue.Web.Features.Digests;
using Dialogue.Web.Features.Glossary;
using Dialogue.Web.Features.Glossary.Linking;
using Dialogue.Web.Features.Glossary.Tbx;
using Dialogue.Web.Features.Invitations;
using Dialogue.Web.Features.Members;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Features.Privacy;
using Dialogue.Web.Features.Privacy.AccessReviews;
using Dialogue.Web.Features.Search;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Workshops;
using Dialogue.Web.Features.Workshops.Polls;
using Dialogue.Web.Features.Workshops.Series;
using Dialogue.Web.Infrastructure.Caching;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Email;
using Dialogue.Web.Infrastructure.Http;
using Dialogue.Web.Infrastructure.Jobs;
using Dialogue.Web.Infrastructure.Localization;
using Dialogue.Web.Infrastructure.Security;
using Dialogue.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Dialogue.Web.Infrastructure;

public static class DialogueBuilderExtensions
{
    public static WebApplicationBuilder AddDialogue(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "App:PublicUrl must be an absolute http(s) URL, such as https://dialogue.example.org.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // Razor's default encoder escapes every non-Latin character; Chinese pages would be several times larger.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddDialogueHttp();
        services.AddDialogueData();
        services.AddDialogueCaching();
        services.AddDialogueSecurity();
        services.AddDialogueEmail();
        services.AddDialogueJobs(builder.Configuration);
        services.AddDialogueAccounts();
        services.AddDialogueAdmin();
        services.AddDialogueInvitations();
        services.AddDialogueAccess();
        services.AddDialogueThreads();
        services.AddDialogueModeration();
        services.AddDialogueSearch();
        services.AddDialogueGlossary();
        services.AddDialogueMembers();
        services.AddDialogueDigests();
        services.AddDialogueWorkshops();
        services.AddDialogueWorkshopPolls();
        services.AddDialogueWorkshopSeries();
        services.AddDialogueCalendars();
        services.AddDialogueChathamHouse();
        services.AddDialoguePersonalData();
        services.AddDialogueAccessReviews();
        services.AddDialogueEmbargo();
        services.AddDialogueGlossaryExchange();
        services.AddDialogueGlossaryLinking();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(SupportedCultures.All[0]);
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
                AnonymousPageCache.Apply(o.Conventions);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = FeatureText.For);
        return builder;
    }
}
