using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Access;

/// <summary>What a calendar entry (an .ics download, a feed, an .ics attached to a mail) may carry of a workshop.</summary>
public enum CalendarDetail
{
    /// <summary>RED: "Dialogue workshop" and the times, no title, no link, nothing else.</summary>
    TimesOnly = 0,
    /// <summary>AMBER+STRICT (or a label the admin made content-free): "Restricted workshop", the times and the link.</summary>
    RestrictedNotice = 1,
    /// <summary>The title, the times and the link.</summary>
    TitleOnly = 2,
    /// <summary>AMBER: the title, a short excerpt, the times and the link.</summary>
    TitleAndShortExcerpt = 3,
    /// <summary>CLEAR and GREEN: the title, a description excerpt, the venue and online link, the times and the link.</summary>
    Full = 4,
}

public static partial class AccessPolicy
{
    /// <summary>
    /// A calendar leaves the platform like an email, so it is the email column (<see cref="EmailRule.LevelFor"/>) made
    /// concrete for a calendar entry; RED keeps only the times, and appears at all only where the member asked for it.
    /// </summary>
    public static CalendarDetail CalendarDetailFor(SensitivityLabel label, DigestEmailSettings site) =>
        label == SensitivityLabel.Red ? CalendarDetail.TimesOnly : EmailRule.LevelFor(label, site) switch
        {
            EmailDetail.FullText => CalendarDetail.Full,
            EmailDetail.TitleAndExcerpt => CalendarDetail.TitleAndShortExcerpt,
            EmailDetail.TitleOnly => CalendarDetail.TitleOnly,
            _ => CalendarDetail.RestrictedNotice,
        };

    /// <summary>A member's feed lists a RED workshop they may read only when they turned that on for their own feed.</summary>
    public static bool MayListInFeed(SensitivityLabel label, bool feedIncludesRed) => label != SensitivityLabel.Red || feedIncludesRed;
}
