using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.Property(m => m.MessageId).HasMaxLength(200);
        message.HasIndex(m => m.MessageId).IsUnique();
        message.Property(m => m.Kind).HasMaxLength(50);
        message.Property(m => m.ToAddress).HasMaxLength(256);
        message.Property(m => m.ToName).HasMaxLength(200);
        message.Property(m => m.Subject).HasMaxLength(500);
        message.Property(m => m.LastError).HasMaxLength(2000);
        // The sender's scan: unsent messages whose time has come.
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        message.Property(m => m.ClaimedBy).HasMaxLength(200);
        message.Property(m => m.Culture).HasMaxLength(20);
    }
}

internal sealed class OutboxMessageThreadConfiguration : IEntityTypeConfiguration<OutboxMessageThread>
{
    public void Configure(EntityTypeBuilder<OutboxMessageThread> carried)
    {
        carried.ToTable("OutboxMessageThreads");
        carried.HasKey(c => new { c.OutboxMessageId, c.ThreadId });
        carried.HasOne<OutboxMessage>().WithMany(m => m.Threads).HasForeignKey(c => c.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        carried.HasOne<Threads.DiscussionThread>().WithMany().HasForeignKey(c => c.ThreadId).OnDelete(DeleteBehavior.Cascade);
        carried.HasIndex(c => c.ThreadId);
    }
}

internal sealed class OutboxMessageSubjectConfiguration : IEntityTypeConfiguration<OutboxMessageSubject>
{
    public void Configure(EntityTypeBuilder<OutboxMessageSubject> carried)
    {
        carried.ToTable("OutboxMessageSubjects");
        carried.HasKey(c => new { c.OutboxMessageId, c.Kind, c.SubjectId });
        carried.HasOne<OutboxMessage>().WithMany(m => m.Subjects).HasForeignKey(c => c.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> attachment)
    {
        attachment.Property(a => a.FileName).HasMaxLength(200);
        attachment.Property(a => a.ContentType).HasMaxLength(200);
        attachment.HasOne<OutboxMessage>().WithMany(m => m.Attachments).HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        attachment.HasIndex(a => a.OutboxMessageId);
    }
}
