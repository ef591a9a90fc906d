namespace Dialogue.Web.Infrastructure.Http;

/// <summary>The reverse proxies (TLS terminators) whose X-Forwarded-For and X-Forwarded-Proto headers are believed.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5". Loopback (a proxy on the same machine) is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/8" or "fd00::/8".</summary>
    public string[] KnownNetworks { get; set; } = [];
}
