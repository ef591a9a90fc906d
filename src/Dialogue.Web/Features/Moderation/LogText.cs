using System.Globalization;
using System.Text.RegularExpressions;
using Dialogue.Data.Moderation;

namespace Dialogue.Web.Features.Moderation;

/// <summary>The English text (and resource key) of each logged action.</summary>
public static partial class LogText
{
    public static string Action(ModerationAction action) => action switch
    {
        ModerationAction.ApprovePost => "approved a post",
        ModerationAction.RejectPost => "rejected a post",
        ModerationAction.HidePost => "hid a post",
        ModerationAction.UnhidePost => "showed a hidden post again",
        ModerationAction.EditPost => "edited a post",
        ModerationAction.PurgePost => "purged a post",
        ModerationAction.LockThread => "locked the thread",
        ModerationAction.UnlockThread => "unlocked the thread",
        ModerationAction.CloseThread => "closed the thread",
        ModerationAction.ReopenThread => "reopened the thread",
        ModerationAction.PinThread => "pinned the thread",
        ModerationAction.UnpinThread => "unpinned the thread",
        ModerationAction.MoveThread => "moved the thread",
        ModerationAction.SplitThread => "split the thread",
        ModerationAction.SetSlowMode => "turned slow mode on",
        ModerationAction.ClearSlowMode => "turned slow mode off",
        ModerationAction.RaiseLabel => "raised the label",
        ModerationAction.LowerLabel => "lowered the label",
        ModerationAction.ChangeParticipants => "changed the participants",
        ModerationAction.ResolveFlag => "resolved flags",
        ModerationAction.SilenceMember => "silenced a member",
        ModerationAction.UnsilenceMember => "lifted a silence",
        ModerationAction.SuspendMember => "suspended a member",
        ModerationAction.UnsuspendMember => "lifted a suspension",
        ModerationAction.ApproveSpaceRequest => "approved a request to join",
        ModerationAction.DeclineSpaceRequest => "declined a request to join",
        ModerationAction.InviteToSpace => "invited a member",
        ModerationAction.RemoveFromSpace => "removed a member",
        ModerationAction.AddSpaceModerator => "appointed a space moderator",
        ModerationAction.EditThreadTitle => "changed the title or tags",
        ModerationAction.StartChathamHouse => "put the thread under the Chatham House Rule",
        ModerationAction.LiftChathamHouse => "lifted the Chatham House Rule",
        ModerationAction.OpenAccessReview => "opened an access review",
        ModerationAction.ConfirmAccess => "confirmed access in a review",
        ModerationAction.RemoveAfterReview => "removed a member in an access review",
        ModerationAction.AccessLapsed => "ended access nobody confirmed in a review",
        ModerationAction.SetAccessReviewInterval => "changed how often access is reviewed",
        _ => "removed a space moderator",
    };

    /// <summary>
    /// An entry's details for the reader. They are stored in a fixed, language-free form (an enum name, "3 flags",
    /// "until 2026-…") so the record never changes; this turns each into a resource key and its arguments.
    /// A label change ("GREEN → AMBER") is shown as stored: TLP names are the same in every language.
    /// </summary>
    public static Detail? Details(ModerationAction action, string? details)
    {
        if (details is null)
        {
            return null;
        }
        return action switch
        {
            ModerationAction.ResolveFlag when details == nameof(FlagResolution.Dismissed) => new("dismissed: the post is shown", []),
            ModerationAction.ResolveFlag when details == nameof(FlagResolution.Upheld) => new("upheld: the post is hidden", []),
            ModerationAction.HidePost when Count().Match(details) is { Success: true } m => new("after {0} flags", [int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]),
            ModerationAction.SilenceMember when Until(details) is { } until => new(null, [], until),
            ModerationAction.SetSlowMode when SlowMode().Match(details) is { Success: true } m => new(
                "one post every {0} min",
                [int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)],
                m.Groups[2].Success ? Until("until " + m.Groups[2].Value) : null),
            ModerationAction.MoveThread when Move().Match(details) is { Success: true } m => new("from space #{0} to space #{1}", [m.Groups[1].Value, m.Groups[2].Value]),
            ModerationAction.OpenAccessReview or ModerationAction.ConfirmAccess or ModerationAction.SetAccessReviewInterval
                when Counted().Match(details) is { Success: true } m => new(m.Groups[2].Value switch
                {
                    "to review" => "{0} to review",
                    "confirmed" => "{0} confirmed",
                    _ => "every {0} days",
                }, [int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]),
            ModerationAction.SetAccessReviewInterval => new("the site's default", []),
            _ => new(details, [], null, Localize: false),
        };
    }

    /// <param name="Text">A resource key (or, when not <paramref name="Localize"/>, text shown as it is).</param>
    /// <param name="Until">When the measure ends, shown after the text in the reader's zone.</param>
    public sealed record Detail(string? Text, object[] Args, DateTimeOffset? Until = null, bool Localize = true);

    private static DateTimeOffset? Until(string details) =>
        details.StartsWith("until ", StringComparison.Ordinal)
        && DateTimeOffset.TryParse(details["until ".Length..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    [GeneratedRegex(@"^(\d+) flags$")]
    private static partial Regex Count();

    [GeneratedRegex(@"^(\d+) (to review|confirmed|days)$")]
    private static partial Regex Counted();

    [GeneratedRegex(@"^(\d+) min(?: until (.+))?$")]
    private static partial Regex SlowMode();

    [GeneratedRegex(@"^space (\d+) → (\d+)$")]
    private static partial Regex Move();
}
