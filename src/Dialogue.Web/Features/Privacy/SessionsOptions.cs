namespace Dialogue.Web.Features.Privacy;

public sealed class SessionsOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// A session's "last seen" is written at most this often (when the security-stamp check finds it older), so an
    /// active browser costs one write per this interval, never one per request.
    /// </summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(5);
}
