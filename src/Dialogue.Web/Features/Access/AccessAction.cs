namespace Dialogue.Web.Features.Access;

public enum AccessAction
{
    Read,
    Reply,
    Moderate,
}
