using System.Globalization;
using Dialogue.Data.Privacy;
using Microsoft.AspNetCore.Mvc;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The filter a reviewer types (query string), shared by the admin's and a space moderator's access log pages.</summary>
public sealed class AccessLogFilterInput
{
    [FromQuery(Name = "member")] public string? Member { get; set; }
    [FromQuery(Name = "thread")] public long? ThreadId { get; set; }
    [FromQuery(Name = "surface")] public AccessSurface? Surface { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "p")] public int Page { get; set; } = 1;

    public AccessLogQuery.Filter ToFilter(long? spaceId = null) => new(Member, ThreadId, Surface, From, To, spaceId);

    /// <summary>The same filter at another page, or as the CSV export.</summary>
    public string Link(string path, long? spaceId, int? page = null, bool csv = false)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("spaceId", spaceId?.ToString(CultureInfo.InvariantCulture));
        Add("member", Member);
        Add("thread", ThreadId?.ToString(CultureInfo.InvariantCulture));
        Add("surface", Surface?.ToString());
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("p", page?.ToString(CultureInfo.InvariantCulture));
        Add("handler", csv ? "Csv" : null);
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }
}

/// <summary>What the shared access log partial shows.</summary>
public sealed record AccessLogView(string Path, long? SpaceId, AccessLogFilterInput Input, IReadOnlyList<AccessLogQuery.Row> Rows, bool HasMore);
