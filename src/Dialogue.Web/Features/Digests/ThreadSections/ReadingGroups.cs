using System.Globalization;
using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Digests.ThreadSections;

/// <summary>
/// Sorts a batch's recipients into groups who read the shared sections (<see cref="ISharedDigestSection"/>) alike, so
/// each of those sections is built once per group instead of once per recipient. The access policy reads a viewer's
/// own id in two places only, the RED threads they take part in and their own posts still in review (a digest's
/// viewer never sees scheduled content); the shared sections read it once more, to leave out their own posts of the
/// window. A member who has any of these is built alone. Everyone else reads exactly what a stand-in with the same
/// viewer facts (approval, roles, space memberships), the same chosen spaces, language and window reads, so the
/// policy still decides every item, through the same <c>VisibleTo</c> queries.
/// </summary>
public sealed class ReadingGroups(DialogueDbContext db, ThreadDigestReader reader)
{
    /// <returns>For each window, the stand-in its shared sections are built as, or null to build them as the recipient alone.</returns>
    public async Task<IReadOnlyList<DigestRecipient?>> StandInsAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        var personal = await PersonalReadersAsync(windows, ct);
        var standIns = new Dictionary<string, DigestRecipient>(StringComparer.Ordinal);
        var result = new List<DigestRecipient?>(windows.Count);
        foreach (var window in windows)
        {
            var recipient = window.Recipient;
            if (recipient.UserId is { } userId && personal.Contains(userId))
            {
                result.Add(null);
                continue;
            }
            var viewer = await reader.ViewerForAsync(recipient, ct);
            var key = KeyOf(window, viewer);
            if (!standIns.TryGetValue(key, out var standIn))
            {
                standIn = reader.StandInFor(recipient, viewer);
                standIns[key] = standIn;
            }
            result.Add(standIn);
        }
        return result;
    }

    /// <summary>Members of the batch whose own id changes what they read: built alone (over-approximated: any RED participation, any post in the window).</summary>
    private async Task<HashSet<string>> PersonalReadersAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        var members = windows.Select(w => w.Recipient.UserId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (members.Length == 0)
        {
            return [];
        }
        var from = windows.Min(w => w.Since);
        var to = windows.Max(w => w.Until);
        var participants = db.ThreadParticipants.Where(p => members.Contains(p.UserId)).Select(p => p.UserId);
        var threadAuthors = db.Threads
            .Where(t => members.Contains(t.AuthorId)
                && ((t.Status != PostStatus.Approved && t.Status != PostStatus.Deleted) || (t.CreatedAt >= from && t.CreatedAt < to)))
            .Select(t => t.AuthorId);
        var postAuthors = db.Posts
            .Where(p => members.Contains(p.AuthorId)
                && ((p.Status != PostStatus.Approved && p.Status != PostStatus.Deleted) || (p.CreatedAt >= from && p.CreatedAt < to)))
            .Select(p => p.AuthorId);
        return (await participants.Union(threadAuthors).Union(postAuthors).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Everything a shared section's result depends on, besides the recipient's own id.</summary>
    private static string KeyOf(DigestWindow window, Viewer viewer)
    {
        var r = window.Recipient;
        var spaces = string.Join(',', viewer.Spaces.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}:{(int)s.Value}")));
        var chosen = r.AllSpaces || r.IsPublic ? "all" : string.Join(',', r.SpaceIds.Order());
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Kind}|{viewer.IsSignedIn}|{viewer.IsApproved}|{viewer.IsAdmin}|{viewer.IsSiteModerator}|{viewer.OffPlatform}|{spaces}|{chosen}|{r.Culture.Name}|{window.Since.UtcTicks}|{window.Until.UtcTicks}");
    }
}
