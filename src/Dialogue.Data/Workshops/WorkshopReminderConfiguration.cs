using Dialogue.Data.Accounts;
using Dialogue.Data.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Workshops;

internal sealed class WorkshopReminderConfiguration : IEntityTypeConfiguration<WorkshopReminder>
{
    public void Configure(EntityTypeBuilder<WorkshopReminder> reminder)
    {
        reminder.HasOne<Workshop>().WithMany().HasForeignKey(r => r.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        reminder.HasOne<DialogueUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        reminder.HasOne<OutboxMessage>().WithMany().HasForeignKey(r => r.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
        // Exactly once: a second node, a retry or a restart that builds the same reminder fails on this key and sends nothing.
        reminder.HasIndex(r => new { r.WorkshopId, r.LeadMinutes, r.ScheduledFor, r.UserId }).IsUnique();
        reminder.HasIndex(r => r.UserId);
        reminder.HasIndex(r => r.OutboxMessageId);
    }
}
