using System.Net;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Infrastructure.Data;
using Dialogue.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dialogue.Tests.Features.ScaleOut;

/// <summary>
/// One web node of a several-node site on PostgreSQL. The first node creates the database; the others join it with
/// <see cref="DialogueFactory.UseDatabase"/>. Each node is a separate app (its own services, caches and key-ring cache).
/// </summary>
public sealed class Node : DialogueFactory
{
    public Node(string name, MailLog? mail = null)
    {
        Name = name;
        Mail = mail;
        Provider = DatabaseProvider.Postgres;
        // Each node releases its own claims at start, so nodes in one process (one machine name) need names of their own.
        Settings["Jobs:NodeId"] = name;
    }

    public string Name { get; }

    /// <summary>The system clock instead of the test's, for races measured as they happen.</summary>
    public bool RealClock { get; init; }

    private MailLog? Mail { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (RealClock)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(TimeProvider.System);
            });
        }
        if (Mail is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IMailTransport>();
                services.AddSingleton<IMailTransport>(new MailLog.Transport(Mail, Name));
            });
        }
    }

    /// <summary>
    /// A client of this node that keeps its cookies in <paramref name="jar"/>: give two nodes' clients one jar and they
    /// are one browser behind a load balancer. Redirects are not followed.
    /// </summary>
    public HttpClient CreateClient(CookieContainer jar) =>
        CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
}
