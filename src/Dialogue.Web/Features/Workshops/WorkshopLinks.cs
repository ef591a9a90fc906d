namespace Dialogue.Web.Features.Workshops;

public static class WorkshopLinks
{
    /// <summary>Only http(s) addresses become links: a "javascript:" or "data:" location stays text.</summary>
    public static bool IsWebLink(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
