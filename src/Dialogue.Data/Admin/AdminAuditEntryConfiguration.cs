using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Admin;

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> entry)
    {
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.TargetUserId).HasMaxLength(450);
        entry.Property(e => e.Details).HasMaxLength(1000);
        // The audit page reads newest first; a member's history by target.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.TargetUserId);
    }
}
