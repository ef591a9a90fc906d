using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Calendars;

/// <summary>A workshop as a calendar needs it; <see cref="WorkshopCalendar"/> decides how much of it goes out.</summary>
public sealed record CalendarEntry(
    long Id, string Title, string DescriptionHtml, SensitivityLabel Label, string TimeZoneId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Sequence, DateTimeOffset? CancelledAt, DateTimeOffset UpdatedAt, string? Venue, string? OnlineLink);
