using Dialogue.Data.Accounts;

namespace Dialogue.Web.Features.Invitations;

public enum InvitationState
{
    Pending,
    Used,
    Expired,
    Revoked,
}

public static class InvitationStates
{
    public static InvitationState Of(DateTimeOffset? usedAt, DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        usedAt is not null ? InvitationState.Used
        : revokedAt is not null ? InvitationState.Revoked
        : expiresAt <= now ? InvitationState.Expired
        : InvitationState.Pending;

    public static InvitationState Of(Invitation invitation, DateTimeOffset now) =>
        Of(invitation.UsedAt, invitation.RevokedAt, invitation.ExpiresAt, now);

    /// <summary>The English text (the resource key) for a state.</summary>
    public static string Label(InvitationState state) => state switch
    {
        InvitationState.Pending => "Pending",
        InvitationState.Used => "Used",
        InvitationState.Expired => "Expired",
        InvitationState.Revoked => "Revoked",
        _ => state.ToString(),
    };
}
