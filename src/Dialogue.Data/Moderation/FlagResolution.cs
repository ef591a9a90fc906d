namespace Dialogue.Data.Moderation;

public enum FlagResolution
{
    /// <summary>The moderator agreed and acted (hid, edited, relabelled, removed).</summary>
    Upheld = 0,
    Dismissed = 1,
}
