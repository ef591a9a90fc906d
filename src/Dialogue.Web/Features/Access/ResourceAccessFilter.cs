using Dialogue.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// Enforces the read rule once for every page: a handler argument or route value named after a
/// resource id is checked through <see cref="Visible"/>, and a resource the viewer may not read
/// answers 404, exactly like one that does not exist — whatever id is guessed, on every URL.
/// Pages still load their data through VisibleTo; this filter is the guard that cannot be forgotten.
/// </summary>
public sealed class ResourceAccessFilter(CurrentViewer current, DialogueDbContext db) : IAsyncPageFilter
{
    /// <summary>The argument names that carry a resource id; a page taking such an id uses one of these names.</summary>
    public static readonly IReadOnlyList<string> ThreadIds = ["threadId"];
    public static readonly IReadOnlyList<string> PostIds = ["postId", "quotePostId"];
    public static readonly IReadOnlyList<string> SpaceIds = ["spaceId"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await AllowedAsync(context, context.HttpContext.RequestAborted))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }

    private async Task<bool> AllowedAsync(PageHandlerExecutingContext context, CancellationToken ct)
    {
        var viewer = (Viewer?)null;
        foreach (var (name, kind) in Names)
        {
            if (!TryGetId(context, name, out var id, out var present))
            {
                if (present)
                {
                    return false; // an id that is not a number names nothing
                }
                continue;
            }
            viewer ??= await current.GetAsync(ct);
            var visible = kind switch
            {
                Kind.Thread => await db.Threads.AsNoTracking().VisibleTo(viewer).AnyAsync(t => t.Id == id, ct),
                Kind.Post => await db.Posts.AsNoTracking().VisibleTo(viewer).AnyAsync(p => p.Id == id, ct),
                _ => await db.Spaces.AsNoTracking().VisibleTo(viewer).AnyAsync(s => s.Id == id, ct),
            };
            if (!visible)
            {
                return false;
            }
        }
        return true;
    }

    private enum Kind { Thread, Post, Space }

    private static readonly (string Name, Kind Kind)[] Names =
        [.. ThreadIds.Select(n => (n, Kind.Thread)), .. PostIds.Select(n => (n, Kind.Post)), .. SpaceIds.Select(n => (n, Kind.Space))];

    private static bool TryGetId(PageHandlerExecutingContext context, string name, out long id, out bool present)
    {
        id = 0;
        object? value = null;
        foreach (var (key, argument) in context.HandlerArguments)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = argument;
            }
        }
        value ??= context.RouteData.Values.TryGetValue(name, out var routeValue) ? routeValue : null;
        value ??= context.HttpContext.Request.Query.TryGetValue(name, out var queryValue) ? queryValue.ToString() : null;
        present = value is not null && !(value is string { Length: 0 });
        return value switch
        {
            long l => (id = l) == l,
            int i => (id = i) == i,
            string text => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
