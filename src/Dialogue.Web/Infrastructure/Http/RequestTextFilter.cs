using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Infrastructure.Http;

/// <summary>
/// Tells the writer which field was too long for any form (<see cref="RequestTextMiddleware.MaxFieldCharacters"/>),
/// as a validation error on that field, so the page shows the form again with the text in it instead of losing it.
/// </summary>
public sealed class RequestTextFilter(IStringLocalizer<SharedText> text) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        foreach (var field in RequestTextMiddleware.TooLongFields(context.HttpContext))
        {
            if (context.ModelState.GetFieldValidationState(field) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                context.ModelState.AddModelError(field, text["This is too long: at most {0} characters.", RequestTextMiddleware.MaxFieldCharacters]);
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
