using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Infrastructure.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The policy name pages put on sign-in, registration and password-reset posts.</summary>
    public const string Accounts = "accounts";

    /// <summary>Account form posts (sign in, register, reset) one client address may make per window.</summary>
    [Range(1, 100_000)]
    public int AccountPostsPerWindow { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
