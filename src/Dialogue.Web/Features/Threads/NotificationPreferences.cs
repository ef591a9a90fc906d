using Dialogue.Data;
using Dialogue.Data.Threads;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Threads;

/// <summary>
/// Whether a member wants a notification of a topic in the app and by email: their stored choice, else the default.
/// Every place that notifies asks here, for all its recipients in one query.
/// </summary>
public sealed class NotificationPreferences(DialogueDbContext db)
{
    public readonly record struct Choice(bool InApp, bool Email);

    /// <summary>Topics that have an email of their own; replies reach the inbox only through the digest.</summary>
    public static bool HasEmail(NotificationTopic topic) => topic != NotificationTopic.Replies;

    /// <summary>
    /// Everything on, except email about staff work for moderators, who see it in the app and on the queue badge:
    /// admins approve accounts nobody else can, so they hear of them by email unless they opt out.
    /// </summary>
    public static Choice Default(NotificationTopic topic, bool isAdmin) => topic switch
    {
        NotificationTopic.Replies => new(true, false),
        NotificationTopic.StaffWork => new(true, isAdmin),
        _ => new(true, true),
    };

    public static NotificationTopic TopicOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Mention => NotificationTopic.Mentions,
        NotificationKind.Reply or NotificationKind.NewThread => NotificationTopic.Replies,
        NotificationKind.PostHeld or NotificationKind.PostFlagged or NotificationKind.JoinRequested
            or NotificationKind.AccountAwaitingApproval => NotificationTopic.StaffWork,
        _ => NotificationTopic.ModerationOutcomes,
    };

    /// <summary>Each person's choice for one topic; <paramref name="admins"/> only matters for defaults that differ for admins.</summary>
    public async Task<IReadOnlyDictionary<string, Choice>> ForAsync(
        IReadOnlyCollection<string> userIds, NotificationTopic topic, IReadOnlySet<string>? admins, CancellationToken ct)
    {
        var stored = userIds.Count == 0
            ? []
            : await db.NotificationPreferences.AsNoTracking()
                .Where(p => p.Topic == topic && userIds.Contains(p.UserId))
                .ToDictionaryAsync(p => p.UserId, p => new Choice(p.InApp, p.Email && HasEmail(topic)), StringComparer.Ordinal, ct);
        return userIds.Distinct(StringComparer.Ordinal).ToDictionary(
            id => id,
            id => stored.TryGetValue(id, out var choice) ? choice : Default(topic, admins?.Contains(id) == true),
            StringComparer.Ordinal);
    }

    public async Task<Choice> ForAsync(string userId, NotificationTopic topic, CancellationToken ct) =>
        (await ForAsync([userId], topic, null, ct))[userId];
}
