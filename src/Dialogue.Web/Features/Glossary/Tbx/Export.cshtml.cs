using System.Text;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>Download a glossary as TBX-Basic or CSV: whoever may read it, within the label's export rule.</summary>
public class ExportModel(GlossaryExchange exchange, CurrentViewer current) : PageModel
{
    public GlossaryExchange.GlossaryHeader Glossary { get; private set; } = null!;
    public int EntryCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(long glossaryId, CancellationToken ct)
    {
        if (await ExportableAsync(glossaryId, ct) is not { } header)
        {
            return NotFound();
        }
        Glossary = header;
        EntryCount = (await exchange.EntriesAsync(glossaryId, ct)).Count;
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(long glossaryId, string format, CancellationToken ct)
    {
        if (await ExportableAsync(glossaryId, ct) is not { } header)
        {
            return NotFound();
        }
        var entries = await exchange.EntriesAsync(glossaryId, ct);
        var name = FileNameOf(header.Name);
        return format switch
        {
            "tbx" => File(TbxWriter.Write(header.Name, $"Exported from Dialogue, glossary {glossaryId}, version {header.Version}.", entries),
                "application/x-tbx+xml", name + ".tbx"),
            "csv" => File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(GlossaryCsv.Write(entries))).ToArray(),
                "text/csv; charset=utf-8", name + ".csv"),
            _ => NotFound(),
        };
    }

    private async Task<GlossaryExchange.GlossaryHeader?> ExportableAsync(long glossaryId, CancellationToken ct)
    {
        var header = await exchange.HeaderAsync(glossaryId, ct);
        return header is not null && AccessPolicy.CanExportGlossary(await current.GetAsync(ct), header.Facts) ? header : null;
    }

    /// <summary>Letters and digits of any script survive; anything a file system or a header could misread becomes "-".</summary>
    private static string FileNameOf(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '-')]).Trim('-');
        return safe.Length == 0 ? "glossary" : safe.Length > 60 ? safe[..60] : safe;
    }
}
