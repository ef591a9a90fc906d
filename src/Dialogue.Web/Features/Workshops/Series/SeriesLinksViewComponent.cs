using Dialogue.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;

namespace Dialogue.Web.Features.Workshops.Series;

/// <summary>
/// On an occurrence's page (through the "add to calendar" partial): its series' page and .ics, when the viewer may read the
/// series; on the Edit page, the choice between this occurrence only and this and all following.
/// </summary>
public sealed class SeriesLinksViewComponent(CurrentViewer current, SeriesLoader loader) : ViewComponent
{
    public sealed record Model(long SeriesId, string Title, bool ForEdit);

    public async Task<IViewComponentResult> InvokeAsync(long workshopId, bool forEdit = false)
    {
        var ct = HttpContext.RequestAborted;
        if (await loader.SeriesOfAsync(workshopId, ct) is not { } seriesId
            || await loader.FindAsync(seriesId, await current.GetAsync(ct), ct) is not { } series)
        {
            return Content("");
        }
        return View(forEdit ? "/Features/Workshops/Series/_SeriesScope.cshtml" : "/Features/Workshops/Series/_SeriesLinks.cshtml",
            new Model(series.Id, series.Title, forEdit));
    }
}
