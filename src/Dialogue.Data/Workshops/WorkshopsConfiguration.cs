using Dialogue.Data.Accounts;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Dialogue.Data.Workshops;

/// <summary>
/// A wall-clock time as ISO text ("2026-03-10T09:00:00"): the same on both providers, readable, and sortable as text.
/// Npgsql would refuse a DateTime of unspecified kind for its default timestamptz column, and a wall-clock time is no instant.
/// </summary>
internal sealed class LocalDateTimeToIsoText() : ValueConverter<LocalDateTime, string>(
    local => LocalDateTimePattern.GeneralIso.Format(local),
    text => LocalDateTimePattern.GeneralIso.Parse(text).Value);

internal sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshop>
{
    public void Configure(EntityTypeBuilder<Workshop> workshop)
    {
        workshop.Property(w => w.Title).HasMaxLength(200);
        workshop.Property(w => w.DescriptionSource).HasMaxLength(20_000);
        workshop.Property(w => w.TimeZoneId).HasMaxLength(64);
        workshop.Property(w => w.LocalStart).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        workshop.Property(w => w.LocalEnd).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        workshop.Property(w => w.OnlineLink).HasMaxLength(500);
        workshop.Property(w => w.Venue).HasMaxLength(300);
        workshop.Property(w => w.MinutesSource).HasMaxLength(40_000);
        workshop.HasOne(w => w.Space).WithMany().HasForeignKey(w => w.SpaceId).OnDelete(DeleteBehavior.Restrict);
        workshop.HasOne<DialogueUser>().WithMany().HasForeignKey(w => w.CreatedById).OnDelete(DeleteBehavior.Restrict);
        workshop.HasOne<DialogueUser>().WithMany().HasForeignKey(w => w.CancelledById).OnDelete(DeleteBehavior.SetNull);
        workshop.HasOne<DiscussionThread>().WithMany().HasForeignKey(w => w.ThreadId).OnDelete(DeleteBehavior.SetNull);
        // Upcoming and past lists, month and week views: a range of start instants, site-wide or in one space.
        workshop.HasIndex(w => w.StartsAt);
        workshop.HasIndex(w => new { w.SpaceId, w.StartsAt });
        workshop.HasIndex(w => new { w.SeriesId, w.OccurrenceIndex });
        workshop.HasIndex(w => w.ThreadId);
        workshop.ToTable(t => t.HasCheckConstraint("CK_Workshops_ends_after_start", "\"EndsAt\" > \"StartsAt\""));
    }
}

internal sealed class WorkshopOrganiserConfiguration : IEntityTypeConfiguration<WorkshopOrganiser>
{
    public void Configure(EntityTypeBuilder<WorkshopOrganiser> organiser)
    {
        organiser.HasKey(o => new { o.WorkshopId, o.UserId });
        organiser.HasOne<Workshop>().WithMany(w => w.Organisers).HasForeignKey(o => o.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        organiser.HasOne<DialogueUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        organiser.HasOne<DialogueUser>().WithMany().HasForeignKey(o => o.AddedById).OnDelete(DeleteBehavior.SetNull);
        organiser.HasIndex(o => o.UserId);
    }
}

internal sealed class WorkshopSessionConfiguration : IEntityTypeConfiguration<WorkshopSession>
{
    public void Configure(EntityTypeBuilder<WorkshopSession> session)
    {
        session.Property(s => s.Title).HasMaxLength(200);
        session.Property(s => s.Speakers).HasMaxLength(500);
        session.Property(s => s.Location).HasMaxLength(500);
        session.Property(s => s.LocalStart).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        session.Property(s => s.LocalEnd).HasConversion<LocalDateTimeToIsoText>().HasMaxLength(19);
        session.HasOne<Workshop>().WithMany(w => w.Sessions).HasForeignKey(s => s.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => new { s.WorkshopId, s.SortOrder });
    }
}

internal sealed class WorkshopSessionSpeakerConfiguration : IEntityTypeConfiguration<WorkshopSessionSpeaker>
{
    public void Configure(EntityTypeBuilder<WorkshopSessionSpeaker> speaker)
    {
        speaker.HasKey(s => new { s.SessionId, s.UserId });
        speaker.HasOne<WorkshopSession>().WithMany(s => s.SpeakerMembers).HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
        speaker.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        speaker.HasIndex(s => s.UserId);
    }
}

internal sealed class WorkshopRegistrationConfiguration : IEntityTypeConfiguration<WorkshopRegistration>
{
    public void Configure(EntityTypeBuilder<WorkshopRegistration> registration)
    {
        registration.HasOne(r => r.Workshop).WithMany(w => w.Registrations).HasForeignKey(r => r.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<DialogueUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<DialogueUser>().WithMany().HasForeignKey(r => r.DecidedById).OnDelete(DeleteBehavior.SetNull);
        registration.HasIndex(r => new { r.WorkshopId, r.UserId }).IsUnique();
        // Counting places and finding the head of the waiting list.
        registration.HasIndex(r => new { r.WorkshopId, r.Status, r.WaitingSince });
        // A member's own workshops (feeds, "my registrations").
        registration.HasIndex(r => new { r.UserId, r.Status });
    }
}
