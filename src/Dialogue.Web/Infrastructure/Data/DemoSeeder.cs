using System.Security.Cryptography;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>Demo content for a newcomer's first run; does nothing unless Demo:Seed is set and the site has no members yet.</summary>
public sealed class DemoSeeder(
    UserManager<DialogueUser> users,
    DialogueDbContext db,
    Posting posting,
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
        await SeedSpacesAsync(now, ct);
        logger.LogWarning("Demo members created: {Emails}, all with the password {Password}",
            string.Join(", ", Members.Select(m => m.Email)), password);
    }

    /// <summary>One CLEAR open space everyone can read, one AMBER closed space for a few, with threads and replies.</summary>
    private async Task SeedSpacesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var ids = await db.Users.Where(u => u.Email!.EndsWith("@demo.dialogue")).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
        var open = new Space
        {
            Name = "Open research",
            Slug = "open-research",
            DefaultLabel = SensitivityLabel.Clear,
            JoinPolicy = SpaceJoinPolicy.Open,
            CreatedAt = now,
            Description = "Published work, reading lists and calls for collaboration. Readable by anyone.",
        };
        var evals = new Space
        {
            Name = "Frontier evaluations",
            Slug = "frontier-evaluations",
            DefaultLabel = SensitivityLabel.Amber,
            JoinPolicy = SpaceJoinPolicy.Closed,
            CreatedAt = now,
            Description = "Unpublished evaluation results, shared among the space's members only.",
        };
        db.Spaces.AddRange(open, evals);
        await db.SaveChangesAsync(ct);
        foreach (var id in ids.Values)
        {
            db.SpaceMembers.Add(new SpaceMember { SpaceId = open.Id, UserId = id, CreatedAt = now });
        }
        db.SpaceMembers.Add(new SpaceMember { SpaceId = evals.Id, UserId = ids["amira@demo.dialogue"], Role = SpaceRole.Moderator, CreatedAt = now });
        db.SpaceMembers.Add(new SpaceMember { SpaceId = evals.Id, UserId = ids["li.wei@demo.dialogue"], CreatedAt = now });
        db.SpaceMembers.Add(new SpaceMember { SpaceId = evals.Id, UserId = ids["jonas@demo.dialogue"], CreatedAt = now });
        await db.SaveChangesAsync(ct);

        var viewers = await ViewerLoader.ForUsersAsync(db, [.. ids.Values], ct);
        Viewer As(string email) => viewers[ids[email]];

        var reading = await posting.StartThreadAsync(new Posting.NewThread(open.Id, "Reading list: interpretability in 2026", SensitivityLabel.Clear,
            ["reading-list", "interpretability"],
            "Please add papers you found useful this year.\n\n- *Scaling monosemanticity*\n- Circuit tracing follow-ups\n\nReplies in any language are welcome.", []),
            As("jonas@demo.dialogue"), ct, trusted: true);
        await posting.ReplyAsync(reading.Id, "我推荐关于稀疏自编码器的综述，尤其是中文社区的复现报告。@jonas", As("li.wei@demo.dialogue"), ct, trusted: true);
        await posting.ReplyAsync(reading.Id, "Adding two evaluation papers from our group. @li.wei could you share the replication links?", As("sarah@demo.dialogue"), ct, trusted: true);

        // A full first page (20 posts): what a lively thread looks like, and the page the thread benchmark measures.
        var weekly = await posting.StartThreadAsync(new Posting.NewThread(open.Id, "Open discussion: what changed in evals this week", SensitivityLabel.Clear,
            ["weekly"], "What did you learn this week? One paragraph each, links welcome.", []), As("sarah@demo.dialogue"), ct, trusted: true);
        string[] voices = ["amira@demo.dialogue", "li.wei@demo.dialogue", "jonas@demo.dialogue", "sarah@demo.dialogue"];
        for (var i = 1; i < 20; i++)
        {
            await posting.ReplyAsync(weekly.Id,
                $"Note {i}: we re-ran the **refusal** benchmark with a new seed; results in the [shared sheet](https://example.org/sheet/{i}). 第{i}条：结果与上周一致。",
                As(voices[i % voices.Length]), ct, trusted: true);
        }

        var glossary = await posting.StartThreadAsync(new Posting.NewThread(open.Id, "How do we translate “alignment tax”?", SensitivityLabel.Green,
            ["glossary"], "Members only: candidate translations before they go to the public glossary.", []), As("amira@demo.dialogue"), ct, trusted: true);
        await posting.ReplyAsync(glossary.Id, "“对齐税” is common, but some prefer “对齐成本”.", As("li.wei@demo.dialogue"), ct, trusted: true);

        var results = await posting.StartThreadAsync(new Posting.NewThread(evals.Id, "Pre-release results: cyber uplift eval", SensitivityLabel.Amber,
            ["evals"], "Draft numbers for discussion inside this space only. **Do not forward.**", []), As("amira@demo.dialogue"), ct, trusted: true);
        await posting.ReplyAsync(results.Id, "Our replication is within the error bars. @amira", As("li.wei@demo.dialogue"), ct, trusted: true);
    }
}
