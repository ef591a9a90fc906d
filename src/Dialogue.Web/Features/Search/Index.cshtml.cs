using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Search;

/// <summary>/Search: full-text search over what the viewer may read, with filters and paging (a GET form, so results can be linked).</summary>
public class IndexModel(DialogueDbContext db, CurrentViewer current, ISearchIndex index, LocalWrites writes) : PageModel
{
    public sealed record SpaceOption(long Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? SpaceId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Author { get; set; }
    [BindProperty(SupportsGet = true)] public SensitivityLabel? Label { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>Older matches: those before this post (the previous window's <see cref="SearchResults.OlderThan"/>).</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<SpaceOption> Spaces { get; private set; } = [];
    public SearchResults? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        // The filter's choices change only with a write (a space added or renamed, a membership): remembered until one,
        // and apart for each set of the viewer's roles, which the sign-in cookie carries and may renew without a write.
        var roles = $"search: spaces {viewer.IsApproved} {viewer.IsAdmin} {viewer.IsSiteModerator}";
        Spaces = await writes.RememberAsync(roles, viewer.UserId ?? "", async () => (IReadOnlyList<SpaceOption>)await db.Spaces.AsNoTracking()
            .VisibleTo(viewer).OrderBy(s => s.Name).Select(s => new SpaceOption(s.Id, s.Name)).ToListAsync(ct));
        PageNumber = Math.Clamp(PageNumber, 1, 500);
        if (!string.IsNullOrWhiteSpace(Q) && Q.Length <= 200)
        {
            // Dates are whole UTC days; "to" includes its day.
            var from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            var to = To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            Results = await index.SearchAsync(new SearchQuery(Q.Trim(), SpaceId, Author, Label, from, to, PageNumber, Before), viewer, ct);
        }
        return Page();
    }

    /// <summary>The page after this one: the next of this window, or the first of the older matches after the window's last.</summary>
    public string NextLink(SearchResults results) => results.OlderThan is { } older ? PageLink(1, older) : PageLink(PageNumber + 1, Before);

    public string PageLink(int page, long? before) => Url.Page("Index", new
    {
        q = Q,
        spaceId = SpaceId,
        author = Author,
        label = Label,
        from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        p = page,
        before,
    }) ?? "/Search";
}
