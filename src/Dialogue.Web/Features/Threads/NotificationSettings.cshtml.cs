using Dialogue.Data;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>Per topic, whether the member is told in the app and by email. Staff work is offered only to staff.</summary>
public class NotificationSettingsModel(DialogueDbContext db, CurrentViewer current, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Row(NotificationTopic Topic, bool InApp, bool Email, bool HasEmail);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The topics ticked in each column; an unticked box sends nothing, so absence means off.</summary>
    [BindProperty] public List<NotificationTopic> InApp { get; set; } = [];
    [BindProperty] public List<NotificationTopic> Email { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        // One query for all the member's stored choices; a topic without one shows its default.
        var stored = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == viewer.UserId)
            .ToDictionaryAsync(p => p.Topic, p => new NotificationPreferences.Choice(p.InApp, p.Email), ct);
        Rows = [.. TopicsFor(viewer).Select(topic =>
        {
            var choice = stored.TryGetValue(topic, out var saved) ? saved : NotificationPreferences.Default(topic, viewer.IsAdmin);
            return new Row(topic, choice.InApp, choice.Email && NotificationPreferences.HasEmail(topic), NotificationPreferences.HasEmail(topic));
        })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var userId = viewer.UserId!;
        var topics = TopicsFor(viewer);
        db.NotificationPreferences.RemoveRange(await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync(ct));
        foreach (var topic in topics)
        {
            db.NotificationPreferences.Add(new NotificationPreference
            {
                UserId = userId,
                Topic = topic,
                InApp = InApp.Contains(topic),
                Email = Email.Contains(topic) && NotificationPreferences.HasEmail(topic),
            });
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["Your notification settings are saved."];
        return RedirectToPage();
    }

    private static List<NotificationTopic> TopicsFor(Viewer viewer)
    {
        var topics = new List<NotificationTopic> { NotificationTopic.Mentions, NotificationTopic.Replies, NotificationTopic.ModerationOutcomes };
        if (viewer.IsAdmin || viewer.IsSiteModerator || viewer.ModeratedSpaceIds().Length > 0)
        {
            topics.Add(NotificationTopic.StaffWork);
        }
        return topics;
    }
}
