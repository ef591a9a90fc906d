using System.Globalization;
using System.Text;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The access log as CSV (RFC 4180), times in UTC ISO 8601; a cell that a spreadsheet would run as a formula is prefixed with a quote.</summary>
public static class AccessLogCsv
{
    public static string Write(IEnumerable<AccessLogQuery.Row> rows)
    {
        var csv = new StringBuilder("at_utc,member_id,member_name,member_email,space,thread_id,thread_title,post_id,surface\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',',
                Cell(row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                Cell(row.UserId), Cell(row.MemberName), Cell(row.MemberEmail), Cell(row.SpaceName),
                Cell(row.ThreadId.ToString(CultureInfo.InvariantCulture)), Cell(row.ThreadTitle),
                Cell(row.PostId?.ToString(CultureInfo.InvariantCulture)), Cell(row.Surface.ToString()));
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
