using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Digests;

internal sealed class DigestSubscriptionConfiguration : IEntityTypeConfiguration<DigestSubscription>
{
    public void Configure(EntityTypeBuilder<DigestSubscription> subscription)
    {
        subscription.HasIndex(s => s.UserId).IsUnique();
        subscription.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        subscription.Property(s => s.ScheduledTimeZoneId).HasMaxLength(64);
        // The scheduler's scan: subscriptions whose next period is due.
        subscription.HasIndex(s => s.NextDueAt);
    }
}

internal sealed class PublicSubscriberConfiguration : IEntityTypeConfiguration<PublicSubscriber>
{
    public void Configure(EntityTypeBuilder<PublicSubscriber> subscriber)
    {
        subscriber.Property(s => s.Email).HasMaxLength(256);
        subscriber.HasIndex(s => s.Email).IsUnique();
        subscriber.Property(s => s.UiCulture).HasMaxLength(20);
        subscriber.Property(s => s.ConfirmationTokenHash).HasMaxLength(64);
        subscriber.HasIndex(s => s.ConfirmationTokenHash).IsUnique();
        subscriber.Property(s => s.ScheduleSignature).HasMaxLength(120);
        subscriber.HasIndex(s => s.NextDueAt);
    }
}

internal sealed class DigestLedgerEntryConfiguration : IEntityTypeConfiguration<DigestLedgerEntry>
{
    public void Configure(EntityTypeBuilder<DigestLedgerEntry> entry)
    {
        entry.ToTable("DigestLedger");
        entry.Property(e => e.RecipientId).HasMaxLength(450);
        entry.Property(e => e.PeriodKey).HasMaxLength(20);
        entry.Property(e => e.LastError).HasMaxLength(2000);
        entry.Property(e => e.ClaimedBy).HasMaxLength(200);
        // One digest per recipient and period, whatever the number of workers and nodes.
        entry.HasIndex(e => new { e.RecipientKind, e.RecipientId, e.PeriodKey }).IsUnique();
        // The admin page and the status sync read by status.
        entry.HasIndex(e => new { e.Status, e.UpdatedAt });
    }
}

internal sealed class DigestEmailSettingsConfiguration : IEntityTypeConfiguration<DigestEmailSettings>
{
    public void Configure(EntityTypeBuilder<DigestEmailSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.UpdatedById).HasMaxLength(450);
        settings.HasData(new DigestEmailSettings());
    }
}

internal sealed class DigestPreviewAuditConfiguration : IEntityTypeConfiguration<DigestPreviewAudit>
{
    public void Configure(EntityTypeBuilder<DigestPreviewAudit> audit)
    {
        audit.Property(a => a.AdminUserId).HasMaxLength(450);
        audit.Property(a => a.MemberUserId).HasMaxLength(450);
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => a.MemberUserId);
    }
}
