using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// When a page's write fails because the storage is full or read-only, the writer is told so and gets the form back
/// with their text, instead of a 500 that loses it: the error goes into ModelState and the same handler runs again,
/// which (like every handler meeting invalid input) shows the page with the posted values. Answers 503, so a
/// monitor sees the fault too.
/// </summary>
public sealed class StorageFaultFilter(IStringLocalizer<SharedText> text, ILogger<StorageFaultFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled || StorageFault.Describe(executed.Exception) is not { } cause
            || context.HandlerMethod is not { } handler || context.HandlerInstance is not PageModel page)
        {
            return;
        }
        logger.LogError("A write from {Page} failed: {Cause} ({Error})", context.ActionDescriptor.ViewEnginePath, cause, executed.Exception.GetBaseException().Message);
        context.HttpContext.RequestServices.GetRequiredService<DatabaseWriteMonitor>().Report(executed.Exception);
        page.ModelState.AddModelError(string.Empty, text["The server could not save: {0}. Your text is kept below; please try again later.", text[cause]]);

        var arguments = handler.MethodInfo.GetParameters()
            .Select(p => context.HandlerArguments.TryGetValue(p.Name!, out var value) ? value : p.HasDefaultValue ? p.DefaultValue : null)
            .ToArray();
        IActionResult? result;
        try
        {
            var returned = handler.MethodInfo.Invoke(page, arguments);
            if (returned is Task task)
            {
                await task;
                returned = task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
            }
            result = returned as IActionResult ?? page.Page();
        }
        catch (Exception again) when (StorageFault.Describe(again) is not null)
        {
            return; // the page cannot be shown without writing either; the error page says what it can
        }
        if (result is not PageResult shown)
        {
            return; // a handler that ignores ModelState would go on as if it had saved; let the failure stand
        }
        shown.StatusCode = StatusCodes.Status503ServiceUnavailable;
        executed.Result = shown;
        executed.ExceptionHandled = true;
    }
}
