namespace Dialogue.Web.Features.Digests;

/// <summary>One recipient's digest period in a batch: the content of [<see cref="Since"/>, <see cref="Until"/>) as they may read it.</summary>
public sealed record DigestWindow(DigestRecipient Recipient, DateTimeOffset Since, DateTimeOffset Until);

/// <summary>
/// The members of a batch who asked for their follows and mentions, and the widest window among the batch's: the
/// question a follows or mentions section asks once for the whole batch, never narrower than any one recipient's.
/// </summary>
public sealed record FollowingMembers(string[] Ids, DateTimeOffset From, DateTimeOffset To)
{
    public static FollowingMembers Of(IReadOnlyList<DigestWindow> windows) => windows.Count == 0
        ? new([], default, default)
        : new([.. windows.Where(w => w.Recipient.IncludeFollowedThreads).Select(w => w.Recipient.UserId).OfType<string>().Distinct()],
            windows.Min(w => w.Since), windows.Max(w => w.Until));
}
