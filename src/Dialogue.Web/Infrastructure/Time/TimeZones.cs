namespace Dialogue.Web.Infrastructure.Time;

public static class TimeZones
{
    /// <summary>IANA zone ids this machine's zone database knows, for pickers and validation.</summary>
    public static readonly IReadOnlyList<string> Ids = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.HasIanaId ? z.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id)
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static TimeZoneInfo? TryFind(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || ianaId.Length > 64)
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) && (zone.HasIanaId || ianaId == "UTC") ? zone : null;
    }
}
