using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Workshops.Polls;

internal sealed class WorkshopPollConfiguration : IEntityTypeConfiguration<WorkshopPoll>
{
    public void Configure(EntityTypeBuilder<WorkshopPoll> poll)
    {
        poll.Property(p => p.Title).HasMaxLength(200);
        poll.Property(p => p.Description).HasMaxLength(10_000);
        poll.Property(p => p.DescriptionHtml).HasMaxLength(40_000);
        poll.Property(p => p.TimeZoneId).HasMaxLength(64);
        poll.HasOne(p => p.Space).WithMany().HasForeignKey(p => p.SpaceId).OnDelete(DeleteBehavior.Cascade);
        poll.HasOne<DialogueUser>().WithMany().HasForeignKey(p => p.OrganiserId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key for DecidedSlotId: slots already reference their poll, and a second key back would make a cycle
        // that a table-by-table copy (copy-to-postgres) cannot order. Deciding picks the slot among the poll's own.
        poll.HasIndex(p => p.DecidedSlotId);
        // The list page: the polls a member organises.
        poll.HasIndex(p => p.OrganiserId);
        poll.HasIndex(p => p.SpaceId);
    }
}

internal sealed class WorkshopPollSlotConfiguration : IEntityTypeConfiguration<WorkshopPollSlot>
{
    public void Configure(EntityTypeBuilder<WorkshopPollSlot> slot)
    {
        slot.Property(s => s.LocalStart).HasMaxLength(16);
        slot.HasOne(s => s.Poll).WithMany(p => p.Slots).HasForeignKey(s => s.PollId).OnDelete(DeleteBehavior.Cascade);
        // A duplicate slot is refused by the form; the index keeps a second request from adding one anyway.
        slot.HasIndex(s => new { s.PollId, s.LocalStart }).IsUnique();
    }
}

internal sealed class WorkshopPollInviteeConfiguration : IEntityTypeConfiguration<WorkshopPollInvitee>
{
    public void Configure(EntityTypeBuilder<WorkshopPollInvitee> invitee)
    {
        invitee.HasKey(i => new { i.PollId, i.UserId });
        invitee.HasOne(i => i.Poll).WithMany(p => p.Invitees).HasForeignKey(i => i.PollId).OnDelete(DeleteBehavior.Cascade);
        invitee.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        // The list page: the polls a member is invited to.
        invitee.HasIndex(i => i.UserId);
    }
}

internal sealed class WorkshopPollAnswerConfiguration : IEntityTypeConfiguration<WorkshopPollAnswer>
{
    public void Configure(EntityTypeBuilder<WorkshopPollAnswer> answer)
    {
        // One answer per invitee per slot; answering again updates the row.
        answer.HasKey(a => new { a.SlotId, a.UserId });
        answer.HasOne<WorkshopPollSlot>().WithMany().HasForeignKey(a => a.SlotId).OnDelete(DeleteBehavior.Cascade);
        // Through the invitee's key, so only an invitee of this very poll can answer it.
        answer.HasOne<WorkshopPollInvitee>().WithMany().HasForeignKey(a => new { a.PollId, a.UserId }).OnDelete(DeleteBehavior.Cascade);
        answer.HasIndex(a => a.PollId);
    }
}
