using System.Net;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Dialogue.Tests.Features.Hardening;

/// <summary>Behind a TLS-terminating proxy that the settings name, the app knows the request was HTTPS and marks its cookies Secure.</summary>
public sealed class ProxyTests(ProxyTests.ProxiedFactory factory) : IClassFixture<ProxyTests.ProxiedFactory>
{
    public sealed class ProxiedFactory : DialogueFactory
    {
        public ProxiedFactory() => Settings["Proxy:KnownNetworks:0"] = "203.0.113.0/24";
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("203.0.113.9", true)]
    [InlineData("198.51.100.7", false)]
    public async Task Antiforgery_cookie_is_Secure_only_when_a_trusted_proxy_says_the_request_was_https(string proxy, bool secure)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/Accounts/SignIn";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "192.0.2.44";
            c.Connection.RemoteIpAddress = IPAddress.Parse(proxy);
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var cookie = context.Response.Headers.SetCookie.Single(c => c!.StartsWith("dialogue.af=", StringComparison.Ordinal))!;
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }
}
