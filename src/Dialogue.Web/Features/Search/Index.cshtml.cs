using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>/Search: full-text search over what the viewer may read, with filters and paging (a GET form, so results can be linked).</summary>
public class IndexModel(DialogueDbContext db, CurrentViewer current, ISearchIndex index) : PageModel
{
    public sealed record SpaceOption(long Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? SpaceId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Author { get; set; }
    [BindProperty(SupportsGet = true)] public SensitivityLabel? Label { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SpaceOption> Spaces { get; private set; } = [];
    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        Spaces = await db.Spaces.AsNoTracking().VisibleTo(viewer).OrderBy(s => s.Name).Select(s => new SpaceOption(s.Id, s.Name)).ToListAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, 500);
        if (!string.IsNullOrWhiteSpace(Q) && Q.Length <= 200)
        {
            // Dates are whole UTC days; "to" includes its day.
            var from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            var to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            Results = await index.SearchAsync(new SearchQuery(Q.Trim(), SpaceId, Author, Label, from, to, PageNumber), viewer, ct);
        }
        return Page();
    }

    public string PageLink(int page) => Url.Page("Index", new
    {
        q = Q,
        spaceId = SpaceId,
        author = Author,
        label = Label,
        from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        p = page,
    }) ?? "/Search";
}
