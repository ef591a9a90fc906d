using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddDialogueEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PickupFolderTransport>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport switch
        {
            EmailTransportKind.Smtp => sp.GetRequiredService<SmtpTransport>(),
            _ => sp.GetRequiredService<PickupFolderTransport>(),
        });
        services.AddScoped<EmailRenderer>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxSender>();
        return services;
    }
}
