namespace Dialogue.Web.Features.Accounts;

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>With AdminPassword, creates the first admin at start when none exists (for automated set-ups).</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Set from the environment (Bootstrap__AdminPassword), never in a committed file.</summary>
    public string? AdminPassword { get; set; }
}
