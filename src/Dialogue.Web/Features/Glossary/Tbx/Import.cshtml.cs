using System.ComponentModel.DataAnnotations;
using System.Text;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>
/// Import a TBX or CSV file into a glossary: its editors only. The first post shows a preview (added, changed,
/// unchanged, conflicts) and saves nothing; the second re-reads the same file and commits it in one transaction,
/// unless the glossary changed in between.
/// </summary>
public class ImportModel(GlossaryExchange exchange, CurrentViewer current, IOptions<ExchangeOptions> options, IStringLocalizer<Text> text) : PageModel
{
    public GlossaryExchange.GlossaryHeader Glossary { get; private set; } = null!;
    public ExchangeOptions Limits => options.Value;
    public IReadOnlyList<ExchangeProblem> Problems { get; private set; } = [];
    public GlossaryExchange.ImportPlan? Plan { get; private set; }
    [TempData] public string? Done { get; set; }

    [BindProperty] public Confirmation Confirm { get; set; } = new();

    public sealed record Confirmation
    {
        /// <summary>The previewed file, carried to the commit so what is saved is exactly what was shown.</summary>
        [Required] public string Content { get; init; } = "";
        [Required] public string FileName { get; init; } = "";
        public long Version { get; init; }
    }

    public async Task<IActionResult> OnGetAsync(long glossaryId, CancellationToken ct) =>
        await AllowedAsync(glossaryId, ct) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(long glossaryId, IFormFile? file, CancellationToken ct)
    {
        if (await AllowedAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        ModelState.Clear();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", text["Choose a TBX or CSV file."]);
            return Page();
        }
        if (file.Length > Limits.MaxImportBytes)
        {
            ModelState.AddModelError("file", text["The file is larger than {0} bytes, the most one import may be.", Limits.MaxImportBytes]);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = Convert.ToBase64String(buffer.ToArray());
        var name = Path.GetFileName(file.FileName);
        var parsed = Read(content, name);
        if (!parsed.IsValid)
        {
            Problems = parsed.Problems;
            return Page();
        }
        Plan = await exchange.PlanAsync(glossaryId, parsed, ct);
        Confirm = new Confirmation { Content = content, FileName = name, Version = Plan.GlossaryVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(long glossaryId, CancellationToken ct)
    {
        if (await AllowedAsync(glossaryId, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid || Confirm.Content.Length > Limits.MaxImportBytes * 4 / 3 + 4)
        {
            return BadRequest();
        }
        var parsed = Read(Confirm.Content, Confirm.FileName);
        if (!parsed.IsValid)
        {
            Problems = parsed.Problems;
            return Page();
        }
        var viewer = await current.GetAsync(ct);
        var plan = await exchange.CommitAsync(glossaryId, parsed, Confirm.Version, viewer.UserId!, $"Imported from {Confirm.FileName}", ct);
        if (plan is null)
        {
            ModelState.AddModelError("", text["The glossary changed since this preview. Here is a new preview; check it and import again."]);
            Plan = await exchange.PlanAsync(glossaryId, parsed, ct);
            Confirm = Confirm with { Version = Plan.GlossaryVersion };
            return Page();
        }
        Done = text["Imported: {0} entries added, {1} changed, {2} conflicts left out.",
            plan.Count(GlossaryExchange.Outcome.Added), plan.Count(GlossaryExchange.Outcome.Changed), plan.Count(GlossaryExchange.Outcome.Conflict)];
        return RedirectToPage(new { glossaryId });
    }

    private ExchangeFile Read(string base64, string fileName)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return new ExchangeFile([], [new ExchangeProblem(0, "The file could not be read.")]);
        }
        if (bytes.Length > Limits.MaxImportBytes)
        {
            return new ExchangeFile([], [new ExchangeProblem(0, "The file is larger than {0} bytes, the most one import may be.", Limits.MaxImportBytes)]);
        }
        if (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            string csv;
            try
            {
                csv = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                return new ExchangeFile([], [new ExchangeProblem(0, "A CSV file must be UTF-8 text.")]);
            }
            return GlossaryCsv.Read(csv, Limits);
        }
        using var stream = new MemoryStream(bytes, writable: false);
        return TbxReader.Read(stream, Limits);
    }

    /// <summary>404 for a glossary the viewer may not read (or that does not exist), 403 for a reader who is not its editor.</summary>
    private async Task<IActionResult?> AllowedAsync(long glossaryId, CancellationToken ct)
    {
        var header = await exchange.HeaderAsync(glossaryId, ct);
        var viewer = await current.GetAsync(ct);
        if (header is null || !AccessPolicy.CanRead(viewer, header.Facts))
        {
            return NotFound();
        }
        Glossary = header;
        return AccessPolicy.CanImportGlossary(viewer, header.Facts, await exchange.HoldsEditorRoleAsync(viewer, ct)) ? null : Forbid();
    }
}
