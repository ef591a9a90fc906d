using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Site;
using Dialogue.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Accounts;

/// <summary>
/// Makes sure the site can get its first admin: from settings when given, else through a one-time link
/// printed to the log at start.
/// </summary>
public sealed class FirstAdmin(
    DialogueDbContext db,
    UserManager<DialogueUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> bootstrap,
    IOptions<AppOptions> app,
    TimeProvider clock,
    ILogger<FirstAdmin> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        await EnsureRolesAsync();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var settings = await db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId, ct);
        var options = bootstrap.Value;
        if (!string.IsNullOrWhiteSpace(options.AdminEmail) && !string.IsNullOrEmpty(options.AdminPassword))
        {
            await CreateAsync(options.AdminEmail, "Admin", options.AdminPassword);
            logger.LogInformation("Created the first admin {Email} from the Bootstrap settings", options.AdminEmail);
            return;
        }

        var token = Tokens.New();
        settings.BootstrapTokenHash = Tokens.Hash(token);
        await db.SaveChangesAsync(ct);
        logger.LogWarning("No admin exists yet. Open this one-time link to create the admin account: {Link}",
            app.Value.Link($"/Accounts/Setup?token={token}"));
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    public async Task<bool> IsTokenValidAsync(string? token, CancellationToken ct) =>
        !string.IsNullOrEmpty(token)
        && await db.SiteSettings.AnyAsync(s => s.Id == SiteSettings.SingletonId && s.BootstrapTokenHash == Tokens.Hash(token), ct);

    /// <returns>The errors Identity found in the input; empty when the admin was created and the token spent.</returns>
    public async Task<IReadOnlyList<IdentityError>> CreateWithTokenAsync(string token, string email, string displayName, string password, CancellationToken ct)
    {
        if (!await IsTokenValidAsync(token, ct))
        {
            return [new IdentityError { Code = "InvalidToken", Description = "This set-up link has already been used." }];
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await CreateAsync(email, displayName, password);
        if (!result.Succeeded)
        {
            return [.. result.Errors];
        }
        await db.SiteSettings.Where(s => s.Id == SiteSettings.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.BootstrapTokenHash, (string?)null), ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    private async Task<IdentityResult> CreateAsync(string email, string displayName, string password)
    {
        var now = clock.GetUtcNow();
        var user = new DialogueUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = now,
            ApprovedAt = now,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            Check(await users.AddToRolesAsync(user, [Roles.Admin, Roles.Member]));
        }
        return result;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
