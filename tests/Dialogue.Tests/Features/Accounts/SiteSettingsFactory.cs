using Dialogue.Data;
using Dialogue.Data.Site;
using Dialogue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dialogue.Tests.Features.Accounts;

/// <summary>
/// An app of its own whose site settings (a database row admins change) differ from the defaults, so a test class
/// that needs them does not change the site under other classes running at the same time.
/// </summary>
public abstract class SiteSettingsFactory : DialogueFactory
{
    protected abstract void Change(SiteSettings settings);

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DialogueDbContext>();
        Change(db.SiteSettings.Single(s => s.Id == SiteSettings.SingletonId));
        db.SaveChanges();
        return host;
    }
}
