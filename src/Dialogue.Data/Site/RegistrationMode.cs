namespace Dialogue.Data.Site;

public enum RegistrationMode
{
    Open = 0,
    ApprovalRequired = 1,
    InvitationOnly = 2,
}
