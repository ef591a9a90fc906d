using Dialogue.Data.Privacy;

namespace Dialogue.Web.Features.Privacy;

/// <summary>The English text (and resource key) of each audited surface.</summary>
public static class AccessLogText
{
    public static string Surface(AccessSurface surface) => surface switch
    {
        AccessSurface.Page => "Thread page",
        AccessSurface.Permalink => "Link to a post",
        AccessSurface.History => "Post history",
        AccessSurface.Quote => "Quoted in a reply",
        AccessSurface.SearchHit => "Opened from search",
        AccessSurface.DigestPreview => "Digest preview",
        AccessSurface.Reveal => "Revealed who is who",
        _ => "Export",
    };
}
