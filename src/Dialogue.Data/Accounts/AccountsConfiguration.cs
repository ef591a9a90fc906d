using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dialogue.Data.Accounts;

internal sealed class DialogueUserConfiguration : IEntityTypeConfiguration<DialogueUser>
{
    public void Configure(EntityTypeBuilder<DialogueUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Affiliation).HasMaxLength(200);
        user.Property(u => u.Country).HasMaxLength(100);
        user.Property(u => u.PreferredLanguages).HasMaxLength(200);
        user.Property(u => u.UiCulture).HasMaxLength(20);
        user.Property(u => u.TimeZoneId).HasMaxLength(64);
        user.Property(u => u.Bio).HasMaxLength(2000);
        user.Property(u => u.SuspensionReason).HasMaxLength(500);
        user.HasIndex(u => u.Status);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.Property(i => i.Email).HasMaxLength(256);
        invitation.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<DialogueUser>().WithMany().HasForeignKey(i => i.UsedById).OnDelete(DeleteBehavior.SetNull);
    }
}
