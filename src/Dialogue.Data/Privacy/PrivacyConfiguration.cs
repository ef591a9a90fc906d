using Dialogue.Data.Accounts;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Privacy;

internal sealed class ThreadPseudonymConfiguration : IEntityTypeConfiguration<ThreadPseudonym>
{
    public void Configure(EntityTypeBuilder<ThreadPseudonym> pseudonym)
    {
        pseudonym.HasKey(p => new { p.ThreadId, p.UserId });
        // A number belongs to one member of the thread: two writers racing for it cannot both win.
        pseudonym.HasIndex(p => new { p.ThreadId, p.Number }).IsUnique();
        pseudonym.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        pseudonym.HasOne<DialogueUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
