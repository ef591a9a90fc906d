using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Infrastructure.Localization;

/// <summary>
/// Each feature keeps its UI text in its own resource, named after a marker class `Text` in the feature's
/// namespace (Features/Accounts/Text.cs ↔ Resources/Features/Accounts/Text.zh-Hans.resx). English is the key
/// itself, so only the Chinese file is needed. Validation messages of a feature's models resolve the same way.
/// </summary>
public static class FeatureText
{
    public static IStringLocalizer For(Type modelType, IStringLocalizerFactory factory)
    {
        var ns = modelType.Namespace;
        var marker = ns is null ? null : modelType.Assembly.GetType(ns + ".Text");
        return factory.Create(marker ?? typeof(SharedText));
    }
}
