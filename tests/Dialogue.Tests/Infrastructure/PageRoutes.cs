using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Infrastructure;

public static class PageRoutes
{
    /// <summary>
    /// The address of every compiled Razor page, route parameters filled from <paramref name="routeValues"/> by name
    /// (a parameter with no value given gets "1": the page then answers whatever it answers for an unknown id).
    /// </summary>
    public static List<string> UrlsOf(DialogueFactory factory, IReadOnlyDictionary<string, string> routeValues)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null);
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart parameter => routeValues.GetValueOrDefault(parameter.Name, "1"),
                _ => "",
            }))));
            urls.Add(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
        }
        return [.. urls.Order(StringComparer.Ordinal)];
    }
}
