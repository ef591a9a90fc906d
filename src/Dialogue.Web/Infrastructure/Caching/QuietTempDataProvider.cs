using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Infrastructure.Caching;

/// <summary>
/// The cookie TempData provider, minus one habit: the layout reads TempData on every page, and the stock provider then
/// answers with a Set-Cookie deleting a TempData cookie the browser never had. That header alone makes a response
/// uncacheable, so an empty TempData is saved only when there is a cookie to clear.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider inner, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(options.Value.Cookie.Name!))
        {
            return;
        }
        inner.SaveTempData(context, values);
    }
}
