using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// Razor Pages renders a page even when no handler matches the request (a TRACE, a POST to a read-only page, an
/// unknown ?handler=), with a page model its handler never prepared: that was a NullReferenceException and a 500.
/// A request no handler takes is refused before the page runs: 405 for a method the page does not take, 404 for
/// a handler name it does not have.
/// </summary>
public sealed class PageMethodFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>Before every other page filter, so none of them meets a request the page cannot serve.</summary>
    public int Order => int.MinValue;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is not null || reExecuted)
        {
            return next();
        }
        var request = context.HttpContext.Request;
        var method = HttpMethods.IsHead(request.Method) ? HttpMethods.Get : request.Method;
        var served = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet();
        if (HttpMethods.IsGet(method) && !served.Contains(HttpMethods.Get))
        {
            return next(); // a page is always readable as its plain view, even one without a GET handler
        }
        if (!served.Contains(method.ToUpperInvariant()))
        {
            served.UnionWith([HttpMethods.Get, HttpMethods.Head]);
            context.HttpContext.Response.Headers.Allow = string.Join(", ", served.Order(StringComparer.Ordinal));
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }
        // The method is served, but not under the handler name asked for.
        context.Result = new NotFoundResult();
        return Task.CompletedTask;
    }
}
