using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.AccessReviews;

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> review)
    {
        review.ToTable("AccessReviews");
        review.Property(r => r.Key).HasMaxLength(80);
        review.HasIndex(r => r.Key).IsUnique();
        review.HasOne<Space>().WithMany().HasForeignKey(r => r.SpaceId).OnDelete(DeleteBehavior.Cascade);
        review.HasOne<DiscussionThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
        // The badge and the job look for open reviews.
        review.HasIndex(r => new { r.ClosedAt, r.SpaceId });
        review.HasIndex(r => r.ThreadId);
    }
}

internal sealed class AccessReviewItemConfiguration : IEntityTypeConfiguration<AccessReviewItem>
{
    public void Configure(EntityTypeBuilder<AccessReviewItem> item)
    {
        item.ToTable("AccessReviewItems");
        item.HasKey(i => new { i.ReviewId, i.UserId });
        item.HasOne<AccessReview>().WithMany(r => r.Items).HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.DecidedById).OnDelete(DeleteBehavior.SetNull);
        item.Property(i => i.Decision).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class AccessReviewIntervalConfiguration : IEntityTypeConfiguration<AccessReviewInterval>
{
    public void Configure(EntityTypeBuilder<AccessReviewInterval> interval)
    {
        interval.ToTable("AccessReviewIntervals");
        interval.HasKey(i => i.SpaceId);
        interval.HasOne<Space>().WithMany().HasForeignKey(i => i.SpaceId).OnDelete(DeleteBehavior.Cascade);
        interval.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.SetById).OnDelete(DeleteBehavior.SetNull);
    }
}
