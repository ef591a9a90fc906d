namespace Dialogue.Data.Spaces;

public enum SpaceRole
{
    Member = 0,
    Moderator = 1,
}
