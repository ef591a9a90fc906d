using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Moderation;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Spaces;

/// <summary>Create (no id) or edit a space: admins only.</summary>
[Authorize(Policy = Policies.Admin)]
public class EditModel(DialogueDbContext db, CurrentViewer current, LabelChanges labelChanges, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>Slugs that would collide with the feature's own pages under /Spaces/.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal) { "index", "edit", "members", "details", "new" };

    [BindProperty] public Command Data { get; set; } = new();
    public long? SpaceId { get; private set; }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter a name.")]
        [StringLength(100, ErrorMessage = "The name can be at most 100 characters.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";

        [RegularExpression("^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$", ErrorMessage = "Use lower-case letters, digits and hyphens only.")]
        [Display(Name = "Address")]
        public string? Slug { get; set; }

        [StringLength(2000, ErrorMessage = "The description can be at most 2000 characters.")]
        [Display(Name = "Description")]
        public string? Description { get; set; }

        [Display(Name = "Default label")]
        public SensitivityLabel DefaultLabel { get; set; } = SensitivityLabel.Green;

        [Display(Name = "Who may join")]
        public SpaceJoinPolicy JoinPolicy { get; set; } = SpaceJoinPolicy.Open;

        [Display(Name = "Chatham House Rule")]
        public bool ChathamHouse { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? spaceId, CancellationToken ct)
    {
        SpaceId = spaceId;
        if (spaceId is null)
        {
            return Page();
        }
        var space = await db.Spaces.AsNoTracking().SingleOrDefaultAsync(s => s.Id == spaceId, ct);
        if (space is null)
        {
            return NotFound();
        }
        Data = new Command { Name = space.Name, Slug = space.Slug, Description = space.Description, DefaultLabel = space.DefaultLabel, JoinPolicy = space.JoinPolicy, ChathamHouse = space.ChathamHouse };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? spaceId, CancellationToken ct)
    {
        SpaceId = spaceId;
        var viewer = await current.GetAsync(ct);
        if (!AccessPolicy.CanManageSpaces(viewer))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Data.Slug = Data.Slug?.Trim().ToLowerInvariant() ?? "";
        if (!Enum.IsDefined(Data.DefaultLabel))
        {
            ModelState.AddModelError("Data.DefaultLabel", text["Choose a label."]);
        }
        if (Data.Slug.Length == 0)
        {
            // Left empty: derived from the name, and numbered until free, since the admin did not choose it.
            Data.Slug = await FreeSlugAsync(SlugOf(Data.Name), spaceId, ct);
        }
        else if (ReservedSlugs.Contains(Data.Slug) || await db.Spaces.AnyAsync(s => s.Slug == Data.Slug && s.Id != spaceId, ct))
        {
            ModelState.AddModelError("Data.Slug", text["Another space already uses this address."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        Space? space;
        if (spaceId is null)
        {
            space = new Space { CreatedAt = now, CreatedById = viewer.UserId };
            db.Spaces.Add(space);
            // Whoever creates a space runs it: an active member (so they read its AMBER threads) and its moderator.
            space.Members.Add(new SpaceMember
            {
                UserId = viewer.UserId!,
                Role = SpaceRole.Moderator,
                Status = SpaceMemberStatus.Active,
                CreatedAt = now,
                DecidedById = viewer.UserId,
                DecidedAt = now,
            });
        }
        else
        {
            space = await db.Spaces.SingleOrDefaultAsync(s => s.Id == spaceId, ct);
            if (space is null)
            {
                return NotFound();
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        space.Name = Data.Name.Trim();
        space.Slug = Data.Slug;
        space.Description = Data.Description?.Trim() ?? "";
        space.JoinPolicy = Data.JoinPolicy;
        // Threads take the rule when started or moved in; turning it off leaves threads already under it as they are.
        space.ChathamHouse = Data.ChathamHouse;
        var raised = spaceId is not null && Data.DefaultLabel > space.DefaultLabel;
        space.DefaultLabel = Data.DefaultLabel;
        await db.SaveChangesAsync(ct);
        if (spaceId is null)
        {
            db.ModerationLog.Add(new ModerationLogEntry
            {
                ActorId = viewer.UserId,
                At = now,
                Action = ModerationAction.AddSpaceModerator,
                SpaceId = space.Id,
                TargetUserId = viewer.UserId,
            });
            await db.SaveChangesAsync(ct);
        }
        if (raised)
        {
            // A thread is never laxer than its space: each one below the new default is raised the way a moderator
            // raises it (logged per thread, RED participants named), not by a bulk update that would orphan it.
            await labelChanges.RaiseThreadsOfSpaceAsync(space.Id, Data.DefaultLabel, viewer, now, ct);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        TempData["Status"] = (string)text["The space was saved."];
        return Redirect("/Spaces/" + space.Slug);
    }

    /// <summary>The address a name suggests: ASCII letters and digits, everything else a single hyphen; "space" when nothing is left (a name in Chinese).</summary>
    public static string SlugOf(string? name)
    {
        var slug = new System.Text.StringBuilder();
        foreach (var c in (name ?? "").Normalize(System.Text.NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var trimmed = slug.ToString().Trim('-');
        trimmed = trimmed.Length > 50 ? trimmed[..50].TrimEnd('-') : trimmed;
        return trimmed.Length == 0 ? "space" : trimmed;
    }

    private async Task<string> FreeSlugAsync(string wanted, long? spaceId, CancellationToken ct)
    {
        var taken = await db.Spaces.Where(s => s.Id != spaceId && (s.Slug == wanted || s.Slug.StartsWith(wanted + "-"))).Select(s => s.Slug).ToListAsync(ct);
        taken.AddRange(ReservedSlugs);
        var candidate = wanted;
        for (var n = 2; taken.Contains(candidate, StringComparer.Ordinal); n++)
        {
            candidate = $"{wanted}-{n}";
        }
        return candidate;
    }
}
