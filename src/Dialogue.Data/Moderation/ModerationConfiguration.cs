using Dialogue.Data.Accounts;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Moderation;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> flag)
    {
        flag.Property(f => f.Message).HasMaxLength(1000);
        flag.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        flag.HasOne<DialogueUser>().WithMany().HasForeignKey(f => f.FlaggedById).OnDelete(DeleteBehavior.Cascade);
        flag.HasOne<DialogueUser>().WithMany().HasForeignKey(f => f.ResolvedById).OnDelete(DeleteBehavior.SetNull);
        // One open flag per member per post; the queue reads unresolved flags oldest first.
        flag.HasIndex(f => new { f.PostId, f.FlaggedById }).IsUnique();
        flag.HasIndex(f => new { f.ResolvedAt, f.CreatedAt });
    }
}

internal sealed class ModerationLogEntryConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> entry)
    {
        entry.ToTable("ModerationLog");
        // No foreign keys on purpose: the log outlives what it talks about (a purged post, a removed space).
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.TargetUserId).HasMaxLength(450);
        entry.Property(e => e.Reason).HasMaxLength(1000);
        entry.Property(e => e.Details).HasMaxLength(4000);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.SpaceId, e.At });
        entry.HasIndex(e => e.ThreadId);
        entry.HasIndex(e => e.TargetUserId);
    }
}

internal sealed class MemberSilenceConfiguration : IEntityTypeConfiguration<MemberSilence>
{
    public void Configure(EntityTypeBuilder<MemberSilence> silence)
    {
        silence.Property(s => s.Reason).HasMaxLength(1000);
        silence.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        silence.HasOne<Space>().WithMany().HasForeignKey(s => s.SpaceId).OnDelete(DeleteBehavior.Cascade);
        silence.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.SetById).OnDelete(DeleteBehavior.SetNull);
        silence.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.LiftedById).OnDelete(DeleteBehavior.SetNull);
        silence.HasIndex(s => new { s.UserId, s.Until });
    }
}

internal sealed class ThreadAccessLogEntryConfiguration : IEntityTypeConfiguration<ThreadAccessLogEntry>
{
    public void Configure(EntityTypeBuilder<ThreadAccessLogEntry> entry)
    {
        entry.ToTable("ThreadAccessLog");
        entry.Property(e => e.Surface).HasConversion<string>().HasMaxLength(32);
        entry.HasOne<DialogueUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne<DiscussionThread>().WithMany().HasForeignKey(e => e.ThreadId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => new { e.ThreadId, e.At });
        entry.HasIndex(e => new { e.UserId, e.At });
        entry.HasIndex(e => e.At);
    }
}
