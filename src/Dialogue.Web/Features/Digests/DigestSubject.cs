using Dialogue.Data.Digests;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Digests;

public static class DigestSubject
{
    /// <summary>"Dialogue daily digest", in the current UI language.</summary>
    public static string Title(DigestRecipient recipient, IStringLocalizer<Text> text) => (recipient.IsPublic, recipient.Frequency) switch
    {
        (true, DigestFrequency.Daily) => text["Dialogue public daily digest"],
        (true, _) => text["Dialogue public weekly digest"],
        (false, DigestFrequency.Weekly) => text["Dialogue weekly digest"],
        _ => text["Dialogue daily digest"],
    };

    /// <summary>The subject carries the strictest label in the message, as TLP asks: "[TLP:AMBER] Dialogue daily digest".</summary>
    public static string For(DigestView view, IStringLocalizer<Text> text, bool test = false) =>
        $"[{view.HighestLabel.Tlp()}] " + (test ? text["[Test]"] + " " : "") + Title(view.Recipient, text);
}
