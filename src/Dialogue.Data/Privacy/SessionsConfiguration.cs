using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Privacy;

internal sealed class SessionsConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("UserSessions");
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.Device).HasMaxLength(100);
        session.Property(s => s.StampHash).HasMaxLength(64);
        session.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}
