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
    }
}
