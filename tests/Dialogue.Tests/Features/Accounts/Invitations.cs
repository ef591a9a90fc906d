using Dialogue.Data.Accounts;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Accounts;

/// <summary>Invitations as the admin pages create them: only the token's hash is stored, the token goes in the link.</summary>
public static class Invitations
{
    public static async Task<(long Id, string Token)> CreateInvitationAsync(
        this DialogueFactory factory, string email, TimeSpan? validFor = null)
    {
        var token = Tokens.New();
        var id = await factory.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync(u => u.Email == DialogueFactory.AdminEmail);
            var invitation = new Invitation
            {
                TokenHash = Tokens.Hash(token),
                Email = email,
                InvitedById = admin.Id,
                CreatedAt = factory.Clock.GetUtcNow(),
                ExpiresAt = factory.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(14)),
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
        return (id, token);
    }

    public static string Link(string token) => "/Accounts/Register?invitation=" + Uri.EscapeDataString(token);
}
