using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Workshops.Polls;

/// <summary>Polls made through the create page's own handler, and the facts tests read back about them.</summary>
public static class PollsWorld
{
    public static Task<long> CreatePollAsync(this DialogueFactory factory, long spaceId, DialogueUser organiser, SensitivityLabel label,
        string zone, IReadOnlyList<string> slots, IReadOnlyList<DialogueUser> invitees, string? title = null, int durationMinutes = 60,
        string? description = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Dialogue.Data.DialogueDbContext>();
            var viewer = await ViewerLoader.ForUserAsync(db, organiser.Id, CancellationToken.None);
            var command = new NewModel.Command
            {
                Title = title ?? ThreadsWorld.Unique("Poll"),
                Description = description,
                Label = label,
                TimeZone = zone,
                DurationMinutes = durationMinutes,
                Slots = [.. slots.Select(s => new NewModel.SlotInput { Date = s[..10], Time = s[11..] })],
                Invitees = [.. invitees.Select(i => i.Id)],
            };
            var result = await sp.GetRequiredService<NewModel.Handler>().CreateAsync(spaceId, command, viewer, true, CancellationToken.None);
            Assert.True(result.PollId is not null, string.Join("; ", result.Errors.Select(e => e.Message)));
            return result.PollId!.Value;
        });

    public static Task SetProfileAsync(this DialogueFactory factory, DialogueUser user, string zone, string? culture = null) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, zone).SetProperty(u => u.UiCulture, culture)));

    public static Task<List<WorkshopPollSlot>> SlotsAsync(this DialogueFactory factory, long pollId) =>
        factory.WithDbAsync(db => db.WorkshopPollSlots.AsNoTracking().Where(s => s.PollId == pollId).OrderBy(s => s.LocalStart).ToListAsync());

    public static Task<int> PollsOrganisedByAsync(this DialogueFactory factory, DialogueUser organiser) =>
        factory.WithDbAsync(db => db.WorkshopPolls.CountAsync(p => p.OrganiserId == organiser.Id));

    /// <summary>The slot rows of the results grid, top to bottom.</summary>
    public static List<long> GridOrder(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".poll-grid tbody tr").Select(r => long.Parse(r.GetAttribute("data-slot")!, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>One person's cell for one slot in the results grid.</summary>
    public static AngleSharp.Dom.IElement Cell(IHtmlDocument page, long slotId, DialogueUser person) =>
        page.QuerySelector($".poll-grid tr[data-slot='{slotId}'] td[data-person='{person.Id}']")
        ?? throw new Xunit.Sdk.XunitException($"No cell for slot {slotId} and {person.DisplayName}");

    /// <summary>An antiforgery token for the client's user, from a page every signed-in member has.</summary>
    public static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/Threads/Notifications")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? throw new Xunit.Sdk.XunitException("No antiforgery token on the notifications page");
}
