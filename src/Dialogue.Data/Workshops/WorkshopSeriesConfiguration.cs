using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Workshops;

internal sealed class WorkshopSeriesConfiguration : IEntityTypeConfiguration<WorkshopSeries>
{
    public void Configure(EntityTypeBuilder<WorkshopSeries> series)
    {
        series.Property(s => s.Title).HasMaxLength(200);
        series.Property(s => s.TimeZoneId).HasMaxLength(64);
        series.Property(s => s.FirstStart).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        series.Property(s => s.FirstEnd).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        series.HasOne(s => s.Space).WithMany().HasForeignKey(s => s.SpaceId).OnDelete(DeleteBehavior.Restrict);
        series.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.Restrict);
        // The occurrences: Workshop reserved SeriesId for this table.
        series.HasMany<Workshop>().WithOne().HasForeignKey(w => w.SeriesId).OnDelete(DeleteBehavior.Restrict);
        series.ToTable(t => t.HasCheckConstraint("CK_WorkshopSeries_count", "\"Count\" >= 1"));
    }
}
