using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Workshops;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Dialogue.Tests.Features.Workshops;

/// <summary>Workshops written through the app's own editor and registration service, as the pages write them.</summary>
public static class WorkshopsWorld
{
    public static Task<Workshop> CreateWorkshopAsync(
        this DialogueFactory factory, long spaceId, DialogueUser organiser, SensitivityLabel label, string title,
        string zone, string start, string end, int? capacity = null, WorkshopRegistrationMode mode = WorkshopRegistrationMode.Open) =>
        factory.WithScopeAsync(async sp =>
        {
            var editor = sp.GetRequiredService<WorkshopEditor>();
            var form = new WorkshopForm { Title = title, Description = $"About {title}", Label = label, TimeZone = zone, Start = start, End = end, Capacity = capacity, Mode = mode };
            var errors = new ModelStateDictionary();
            var input = editor.Check(form, label, null, errors);
            Assert.True(input is not null, string.Join("; ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
            var viewer = new Viewer { UserId = organiser.Id, IsApproved = true, Spaces = new Dictionary<long, SpaceRole> { [spaceId] = SpaceRole.Member } };
            return await editor.CreateAsync(spaceId, input!, viewer, CancellationToken.None);
        });

    public static Task<WorkshopRegistrationStatus> RegisterAsync(this DialogueFactory factory, long workshopId, DialogueUser user) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<Registrations>().RegisterAsync(workshopId, user.Id, CancellationToken.None));

    public static Task InviteAsync(this DialogueFactory factory, long workshopId, DialogueUser organiser, params DialogueUser[] invitees) =>
        factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Registrations>().InviteAsync(workshopId, [.. invitees.Select(i => i.Id)], organiser.Id, CancellationToken.None);
            return true;
        });

    public static Task AddSessionAsync(this DialogueFactory factory, long workshopId, string title, string zone, string start, string end) =>
        factory.WithDbAsync(async db =>
        {
            var tz = DateTimeZoneProviders.Tzdb[zone];
            var (from, to) = (WorkshopTime.ParseInput(start)!.Value, WorkshopTime.ParseInput(end)!.Value);
            db.WorkshopSessions.Add(new WorkshopSession
            {
                WorkshopId = workshopId,
                Title = title,
                LocalStart = from,
                LocalEnd = to,
                SortOrder = 1,
                StartsAt = WorkshopTime.ToInstant(from, tz),
                EndsAt = WorkshopTime.ToInstant(to, tz),
            });
            await db.SaveChangesAsync();
        });

    public static Task<Dictionary<string, WorkshopRegistrationStatus>> StatusesAsync(this DialogueFactory factory, long workshopId) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            db.WorkshopRegistrations.Where(r => r.WorkshopId == workshopId), r => r.UserId, r => r.Status));

    /// <summary>Sets a member's profile zone (before they sign in: the zone travels in the sign-in cookie).</summary>
    public static Task SetZoneAsync(this DialogueFactory factory, DialogueUser user, string zone) =>
        factory.WithDbAsync(async db =>
        {
            var row = await db.Users.FindAsync(user.Id);
            row!.TimeZoneId = zone;
            await db.SaveChangesAsync();
        });
}
