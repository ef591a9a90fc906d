using System.Security.Cryptography;
using Dialogue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>Demo content for a newcomer's first run; does nothing unless Demo:Seed is set and the site has no members yet.</summary>
public sealed class DemoSeeder(
    UserManager<DialogueUser> users,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    private static readonly (string Email, string Name, string Affiliation, string Country, string Zone, string Culture, string Role)[] Members =
    [
        ("amira@demo.dialogue", "Amira Haddad", "Institute for Safe AI", "Jordan", "Asia/Amman", "en", Roles.Moderator),
        ("li.wei@demo.dialogue", "Li Wei", "Tsinghua University", "China", "Asia/Shanghai", "zh-Hans", Roles.Organiser),
        ("jonas@demo.dialogue", "Jonas Berg", "Alignment Lab", "Germany", "Europe/Berlin", "en", Roles.GlossaryEditor),
        ("sarah@demo.dialogue", "Sarah Okafor", "Center for AI Policy", "United States", "America/New_York", "en", Roles.Member),
    ];

    public async Task SeedIfAskedAsync(CancellationToken ct)
    {
        if (!options.Value.Seed || await users.Users.AnyAsync(u => u.Email!.EndsWith("@demo.dialogue"), ct))
        {
            return;
        }
        var password = "Demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + "1";
        var now = clock.GetUtcNow();
        foreach (var m in Members)
        {
            var user = new DialogueUser
            {
                UserName = m.Email,
                Email = m.Email,
                EmailConfirmed = true,
                DisplayName = m.Name,
                Affiliation = m.Affiliation,
                Country = m.Country,
                TimeZoneId = m.Zone,
                UiCulture = m.Culture,
                CreatedAt = now,
                ApprovedAt = now,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            await users.AddToRolesAsync(user, m.Role == Roles.Member ? [Roles.Member] : [Roles.Member, m.Role]);
        }
        logger.LogWarning("Demo members created: {Emails}, all with the password {Password}",
            string.Join(", ", Members.Select(m => m.Email)), password);
    }
}
