namespace Dialogue.Data.Site;

/// <summary>Settings an admin changes at run time; a single row with Id 1.</summary>
public class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public RegistrationMode RegistrationMode { get; set; } = RegistrationMode.Open;
    public bool RequireTwoFactorForStaff { get; set; }
    /// <summary>SHA-256 of the one-time first-admin link's token; cleared once the admin exists.</summary>
    public string? BootstrapTokenHash { get; set; }
}
