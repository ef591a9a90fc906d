namespace Dialogue.Data.Moderation;

public enum FlagReason
{
    OffTopic = 0,
    Inappropriate = 1,
    Spam = 2,
    /// <summary>A request to raise the thread's label.</summary>
    RevealsSensitiveInformation = 3,
    Other = 4,
}
