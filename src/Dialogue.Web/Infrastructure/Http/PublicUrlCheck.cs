using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// Links in emails start with App:PublicUrl, never with the request's Host header; left at its default they point at
/// localhost:5080 and nobody notices until a member clicks one. One warning at start-up when it cannot be right.
/// </summary>
public sealed class PublicUrlCheck(IServer server, IOptions<AppOptions> app, IHostApplicationLifetime lifetime, ILogger<PublicUrlCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (Problem(app.Value.PublicUrl, addresses) is { } problem)
            {
                logger.LogWarning("{Problem} Set App:PublicUrl (e.g. App__PublicUrl=https://forum.example.org) to the address people use.", problem);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What is wrong with <paramref name="publicUrl"/> for an app listening on <paramref name="listening"/>, or null if nothing.</summary>
    public static string? Problem(string publicUrl, IEnumerable<string> listening)
    {
        var addresses = listening.Select(a => Uri.TryCreate(a.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>().ToList();
        if (addresses.Count == 0)
        {
            return null; // not a real server (tests), nothing to compare with
        }
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return $"App:PublicUrl \"{publicUrl}\" is not an absolute http(s) URL, so links in emails are broken.";
        }
        var listens = string.Join(", ", addresses.Select(a => a.GetLeftPart(UriPartial.Authority)));
        if (IsLoopback(url.Host))
        {
            var reachableFromOutside = addresses.Any(a => !IsLoopback(a.Host));
            var matches = addresses.Any(a => a.Scheme == url.Scheme && a.Port == url.Port && (IsLoopback(a.Host) || IsAny(a.Host)));
            if (reachableFromOutside)
            {
                return $"App:PublicUrl is {url.GetLeftPart(UriPartial.Authority)} but the app listens on {listens}: links in emails point at the reader's own machine.";
            }
            if (!matches)
            {
                return $"App:PublicUrl is {url.GetLeftPart(UriPartial.Authority)} but the app listens on {listens}: links in emails lead nowhere.";
            }
        }
        return null; // a public name: the app is reached through it (directly or behind a proxy)
    }

    private static bool IsAny(string host) => host is "0.0.0.0" or "[::]" or "::";

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
