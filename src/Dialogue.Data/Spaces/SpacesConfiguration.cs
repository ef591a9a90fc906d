using Dialogue.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Spaces;

internal sealed class SpaceConfiguration : IEntityTypeConfiguration<Space>
{
    public void Configure(EntityTypeBuilder<Space> space)
    {
        space.Property(s => s.Name).HasMaxLength(100);
        space.Property(s => s.Slug).HasMaxLength(60);
        space.HasIndex(s => s.Slug).IsUnique();
        space.HasIndex(s => s.Name);
        space.Property(s => s.Description).HasMaxLength(2000);
        space.HasOne<DialogueUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SpaceMemberConfiguration : IEntityTypeConfiguration<SpaceMember>
{
    public void Configure(EntityTypeBuilder<SpaceMember> member)
    {
        member.HasKey(m => new { m.SpaceId, m.UserId });
        member.HasOne(m => m.Space).WithMany(s => s.Members).HasForeignKey(m => m.SpaceId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<DialogueUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<DialogueUser>().WithMany().HasForeignKey(m => m.DecidedById).OnDelete(DeleteBehavior.SetNull);
        member.Property(m => m.RequestMessage).HasMaxLength(1000);
        // The viewer's memberships are loaded by user on every request.
        member.HasIndex(m => new { m.UserId, m.Status });
        // A space's member list and pending requests.
        member.HasIndex(m => new { m.SpaceId, m.Status });
    }
}
