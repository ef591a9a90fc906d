using Dialogue.Data.Moderation;

namespace Dialogue.Web.Features.Moderation;

/// <summary>The English text (and resource key) of each flag reason.</summary>
public static class FlagText
{
    public static string Reason(FlagReason reason) => reason switch
    {
        FlagReason.OffTopic => "Off-topic",
        FlagReason.Inappropriate => "Inappropriate",
        FlagReason.Spam => "Spam",
        FlagReason.RevealsSensitiveInformation => "Reveals sensitive information (the label should be raised)",
        _ => "Something else",
    };
}
