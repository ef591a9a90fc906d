using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Calendars;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Dialogue.Tests.Features.Calendars;

/// <summary>Workshops written straight to the database, as the Workshops feature saves them, for the calendar tests.</summary>
public static class CalendarWorld
{
    public static Task<Workshop> CreateWorkshopAsync(
        this DialogueFactory factory, long spaceId, DialogueUser organiser, SensitivityLabel label, string title,
        string zoneId, LocalDateTime localStart, Duration length, string description = "", IEnumerable<DialogueUser>? invitees = null) =>
        factory.WithDbAsync(async db =>
        {
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var start = zone.AtLeniently(localStart);
            var end = start.Plus(length);
            var now = factory.Clock.GetUtcNow();
            var workshop = new Workshop
            {
                SpaceId = spaceId,
                Title = title,
                DescriptionSource = description,
                DescriptionHtml = $"<p>{System.Net.WebUtility.HtmlEncode(description)}</p>",
                Label = label,
                CreatedById = organiser.Id,
                TimeZoneId = zoneId,
                LocalStart = localStart,
                LocalEnd = end.LocalDateTime,
                StartsAt = start.ToDateTimeOffset().ToUniversalTime(),
                EndsAt = end.ToDateTimeOffset().ToUniversalTime(),
                RegistrationMode = label == SensitivityLabel.Red ? WorkshopRegistrationMode.InvitationOnly : WorkshopRegistrationMode.Open,
                Venue = "Room 4, Tsinghua",
                CreatedAt = now,
                UpdatedAt = now,
            };
            workshop.Organisers.Add(new WorkshopOrganiser { UserId = organiser.Id, AddedById = organiser.Id, AddedAt = now });
            foreach (var invitee in invitees ?? [])
            {
                workshop.Registrations.Add(new WorkshopRegistration
                {
                    UserId = invitee.Id,
                    Status = WorkshopRegistrationStatus.Registered,
                    InvitedAt = now,
                    CreatedAt = now,
                    StatusChangedAt = now,
                });
            }
            db.Workshops.Add(workshop);
            await db.SaveChangesAsync();
            return workshop;
        });

    /// <summary>Puts the member down as registered (whatever they may read now: access is decided when the feed is read).</summary>
    public static Task RegisterAsync(this DialogueFactory factory, long workshopId, DialogueUser member) => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow();
        db.WorkshopRegistrations.Add(new WorkshopRegistration
        {
            WorkshopId = workshopId,
            UserId = member.Id,
            Status = WorkshopRegistrationStatus.Registered,
            CreatedAt = now,
            StatusChangedAt = now,
        });
        await db.SaveChangesAsync();
    });

    public static Task<string> IssueFeedAsync(this DialogueFactory factory, DialogueUser member, bool includeRed = false) =>
        factory.WithScopeAsync(async sp =>
        {
            var feeds = sp.GetRequiredService<CalendarFeeds>();
            var token = await feeds.IssueAsync(member.Id, CancellationToken.None);
            await feeds.SetIncludeRedAsync(member.Id, includeRed, CancellationToken.None);
            return token;
        });

    public static Calendar Parse(string ics) => Calendar.Load(ics) ?? throw new InvalidOperationException("not an iCalendar");
}
