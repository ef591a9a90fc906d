namespace Dialogue.Data.Privacy;

/// <summary>
/// One signed-in browser. Its id travels as a claim in the encrypted sign-in cookie; the row is checked only when
/// Identity re-validates the security stamp (Accounts: the validation interval), never on every request.
/// </summary>
public class UserSession
{
    /// <summary>128 random bits as hex: unguessable, so a form that names it cannot reach someone else's session by guessing.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>A short readable device description ("Firefox on Windows"), never the full User-Agent.</summary>
    public string Device { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Refreshed at most once per <c>Sessions:LastSeenResolution</c>, when the stamp check runs.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>
    /// SHA-256 of the security stamp the session was signed in (or last refreshed) under: a session whose stamp is no
    /// longer the account's was ended by a password, email or two-factor change, and is neither listed nor accepted.
    /// </summary>
    public string StampHash { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
}
