using Microsoft.AspNetCore.Identity;

namespace Dialogue.Data.Accounts;

public class DialogueUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string? Affiliation { get; set; }
    public string? Country { get; set; }
    /// <summary>Languages the member reads and writes, as BCP 47 tags separated by commas ("en, zh-Hans").</summary>
    public string? PreferredLanguages { get; set; }
    /// <summary>The UI language the member chose; null follows the browser.</summary>
    public string? UiCulture { get; set; }
    /// <summary>IANA zone id, validated against the machine's zone database when saved.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public string? Bio { get; set; }
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public DateTimeOffset? SuspendedUntil { get; set; }
    public string? SuspensionReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
}
