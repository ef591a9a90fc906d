namespace Dialogue.Web.Features.Glossary.Tbx;

public static class ExchangeServiceCollectionExtensions
{
    /// <summary>Glossary import and export (TBX-Basic and CSV).</summary>
    public static IServiceCollection AddDialogueGlossaryExchange(this IServiceCollection services)
    {
        services.AddOptions<ExchangeOptions>().BindConfiguration(ExchangeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<GlossaryExchange>();
        return services;
    }
}
