using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Workshops;

internal sealed class WorkshopCalendarFeedConfiguration : IEntityTypeConfiguration<WorkshopCalendarFeed>
{
    public void Configure(EntityTypeBuilder<WorkshopCalendarFeed> feed)
    {
        feed.Property(f => f.TokenHash).HasMaxLength(64);
        // One feed per member; a fetch finds it by the hash of the token it presents.
        feed.HasIndex(f => f.UserId).IsUnique();
        feed.HasIndex(f => f.TokenHash).IsUnique();
        feed.HasOne<DialogueUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
