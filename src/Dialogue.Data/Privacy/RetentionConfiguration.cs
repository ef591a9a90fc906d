using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Privacy;

internal sealed class RetentionPeriodConfiguration : IEntityTypeConfiguration<RetentionPeriod>
{
    public void Configure(EntityTypeBuilder<RetentionPeriod> period)
    {
        period.ToTable("RetentionPeriods", t => t.HasCheckConstraint("CK_RetentionPeriods_one_target", "(\"SpaceId\" IS NULL) <> (\"ThreadId\" IS NULL)"));
        period.HasOne<Space>().WithMany().HasForeignKey(p => p.SpaceId).OnDelete(DeleteBehavior.Cascade);
        period.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        period.HasOne<DialogueUser>().WithMany().HasForeignKey(p => p.SetById).OnDelete(DeleteBehavior.SetNull);
        period.HasIndex(p => p.SpaceId).IsUnique();
        period.HasIndex(p => p.ThreadId).IsUnique();
    }
}

internal sealed class RetentionPurgeConfiguration : IEntityTypeConfiguration<RetentionPurge>
{
    public void Configure(EntityTypeBuilder<RetentionPurge> purge)
    {
        purge.ToTable("RetentionPurges");
        purge.HasKey(p => p.ThreadId);
        purge.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
