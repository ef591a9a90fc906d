using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using GlossaryEntity = Dialogue.Data.Glossary.Glossary;

namespace Dialogue.Web.Features.Glossary;

/// <summary>Create (no id) or edit a glossary, and appoint its editors: admins, the GlossaryEditor role, and moderators of the glossary's space.</summary>
public class EditModel(DialogueDbContext db, GlossaryAccess access, TimeProvider clock, IStringLocalizer<Text> text) : PageModel
{
    public sealed record SpaceOption(long Id, string Name, SensitivityLabel DefaultLabel);
    public sealed record EditorRow(string UserId, string DisplayName);

    [BindProperty] public Command Data { get; set; } = new();
    [BindProperty] public string? NewEditor { get; set; }

    public long? GlossaryId { get; private set; }
    public string? SpaceName { get; private set; }
    public bool MayUseWholeSite { get; private set; }
    public IReadOnlyList<SpaceOption> Spaces { get; private set; } = [];
    public IReadOnlyList<EditorRow> Editors { get; private set; } = [];

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter a name.")]
        [StringLength(200, ErrorMessage = "The name can be at most 200 characters.")]
        public string Name { get; set; } = "";

        [StringLength(4000, ErrorMessage = "The description can be at most 4000 characters.")]
        public string? Description { get; set; }

        /// <summary>Only when creating; a glossary stays in its space.</summary>
        public long? SpaceId { get; set; }

        public SensitivityLabel Label { get; set; } = SensitivityLabel.Clear;
    }

    public async Task<IActionResult> OnGetAsync(long? glossaryId, long? spaceId, CancellationToken ct)
    {
        if (await LoadAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        if (glossaryId is { } id)
        {
            var g = await db.Glossaries.AsNoTracking().SingleAsync(g => g.Id == id, ct);
            Data = new Command { Name = g.Name, Description = g.Description, SpaceId = g.SpaceId, Label = g.Label };
        }
        else if (spaceId is { } space && Spaces.FirstOrDefault(s => s.Id == space) is { } chosen)
        {
            Data = new Command { SpaceId = space, Label = chosen.DefaultLabel };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? glossaryId, CancellationToken ct)
    {
        if (await LoadAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        GlossaryEntity glossary;
        SensitivityLabel? spaceDefault;
        if (glossaryId is { } id)
        {
            glossary = await db.Glossaries.Include(g => g.Space).SingleAsync(g => g.Id == id, ct);
            spaceDefault = glossary.Space?.DefaultLabel;
        }
        else
        {
            var space = Data.SpaceId is { } sid ? Spaces.FirstOrDefault(s => s.Id == sid) : null;
            if (Data.SpaceId is not null && space is null)
            {
                ModelState.AddModelError("Data.SpaceId", text["Choose a space you may create a glossary in."]);
            }
            else if (Data.SpaceId is null && !MayUseWholeSite)
            {
                ModelState.AddModelError("Data.SpaceId", text["Choose one of your spaces: only admins and glossary editors create site-wide glossaries."]);
            }
            spaceDefault = space?.DefaultLabel;
            glossary = new GlossaryEntity { SpaceId = space?.Id, CreatedAt = clock.GetUtcNow(), CreatedById = (await access.ViewerAsync(ct)).UserId };
        }
        if (!AccessPolicy.IsAllowedGlossaryLabel(Data.Label, spaceDefault))
        {
            ModelState.AddModelError("Data.Label", spaceDefault is null
                ? text["A site-wide glossary is CLEAR or GREEN."]
                : text["A space's glossary carries the space's label or a stricter one."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        glossary.Name = Data.Name.Trim();
        glossary.Description = Data.Description?.Trim() ?? "";
        glossary.Label = Data.Label;
        if (glossary.Id == 0)
        {
            db.Glossaries.Add(glossary);
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = (string)text["The glossary was saved."];
        return Redirect($"/Glossary/{glossary.Id}");
    }

    public async Task<IActionResult> OnPostAddEditorAsync(long glossaryId, CancellationToken ct)
    {
        if (await LoadAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        var g = await db.Glossaries.AsNoTracking().SingleAsync(g => g.Id == glossaryId, ct);
        Data = new Command { Name = g.Name, Description = g.Description, SpaceId = g.SpaceId, Label = g.Label };
        var wanted = NewEditor?.Trim() ?? "";
        var user = wanted.Length == 0 ? null : await db.Users.AsNoTracking()
            .Where(u => u.Status == AccountStatus.Active && u.EmailConfirmed && (u.Email == wanted || u.DisplayName == wanted))
            .Select(u => new { u.Id }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            ModelState.AddModelError(nameof(NewEditor), text["No active member has this email address or display name."]);
            return Page();
        }
        // An editor of a space's AMBER or RED glossary must be able to read it: an active member of the space.
        if (g.SpaceId is { } spaceId && g.Label >= SensitivityLabel.Amber
            && !await db.SpaceMembers.AnyAsync(m => m.SpaceId == spaceId && m.UserId == user.Id && m.Status == Dialogue.Data.Spaces.SpaceMemberStatus.Active, ct))
        {
            ModelState.AddModelError(nameof(NewEditor), text["This member is not in the glossary's space, so could not read it."]);
            return Page();
        }
        if (!await db.GlossaryEditors.AnyAsync(e => e.GlossaryId == glossaryId && e.UserId == user.Id, ct))
        {
            db.GlossaryEditors.Add(new GlossaryEditor { GlossaryId = glossaryId, UserId = user.Id, AppointedById = (await access.ViewerAsync(ct)).UserId, AppointedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = (string)text["The editor was appointed."];
        return RedirectToPage(new { glossaryId });
    }

    public async Task<IActionResult> OnPostRemoveEditorAsync(long glossaryId, string userId, CancellationToken ct)
    {
        if (await LoadAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        await db.GlossaryEditors.Where(e => e.GlossaryId == glossaryId && e.UserId == userId).ExecuteDeleteAsync(ct);
        TempData["Status"] = (string)text["The editor was removed."];
        return RedirectToPage(new { glossaryId });
    }

    /// <summary>Null when the viewer may go on; else 404 for a glossary they may not read, 403 for one they read but may not manage or nothing to create in.</summary>
    private async Task<IActionResult?> LoadAsync(long? glossaryId, CancellationToken ct)
    {
        GlossaryId = glossaryId;
        var viewer = await access.ViewerAsync(ct);
        var role = access.HoldsEditorRole();
        if (glossaryId is { } id)
        {
            var glossary = await access.FindAsync(id, ct);
            if (glossary is null)
            {
                return NotFound();
            }
            if (!glossary.CanManage)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }
            SpaceName = glossary.SpaceName;
            Editors = await db.GlossaryEditors.AsNoTracking().Where(e => e.GlossaryId == id)
                .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { u.Id, u.DisplayName })
                .OrderBy(e => e.DisplayName).Select(e => new EditorRow(e.Id, e.DisplayName)).ToListAsync(ct);
            return null;
        }
        MayUseWholeSite = AccessPolicy.CanCreateGlossary(viewer, null, role);
        var moderated = viewer.ModeratedSpaceIds();
        Spaces = await db.Spaces.AsNoTracking().VisibleTo(viewer)
            .Where(s => MayUseWholeSite || moderated.Contains(s.Id))
            .OrderBy(s => s.Name).Select(s => new SpaceOption(s.Id, s.Name, s.DefaultLabel)).ToListAsync(ct);
        return MayUseWholeSite || Spaces.Count > 0 ? null : StatusCode(StatusCodes.Status403Forbidden);
    }
}
