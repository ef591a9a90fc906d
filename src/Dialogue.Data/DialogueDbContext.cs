using Dialogue.Data.Accounts;
using Dialogue.Data.Digests;
using Dialogue.Data.Email;
using Dialogue.Data.Site;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dialogue.Data;

public class DialogueDbContext(DbContextOptions<DialogueDbContext> options)
    : IdentityDbContext<DialogueUser>(options), IDataProtectionKeyContext
{
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DigestSubscription> DigestSubscriptions => Set<DigestSubscription>();
    public DbSet<PublicSubscriber> PublicSubscribers => Set<PublicSubscriber>();
    public DbSet<DigestLedgerEntry> DigestLedger => Set<DigestLedgerEntry>();
    public DbSet<DigestEmailSettings> DigestEmailSettings => Set<DigestEmailSettings>();
    public DbSet<DigestPreviewAudit> DigestPreviewAudits => Set<DigestPreviewAudit>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DialogueDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type and EF cannot compare or sort DateTimeOffset stored as text there;
        // every instant is UTC, so a sortable integer keeps queries in SQL.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
