using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Dialogue.Tests.Infrastructure;

/// <summary>
/// Posts real forms the way a browser does: reads the page, keeps its hidden fields (the antiforgery
/// token among them) and defaults, fills in what the test gives, and submits to the form's action.
/// </summary>
public static class Browser
{
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {(int)response.StatusCode}\n{html}");
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        string pageUrl,
        IReadOnlyDictionary<string, string> fields,
        string formSelector = "main form[method=post]",
        string? submitName = null,
        string? submitSelector = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        return await client.SubmitAsync(page, pageUrl, fields, formSelector, submitName, submitSelector);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        IHtmlDocument page,
        string pageUrl,
        IReadOnlyDictionary<string, string> fields,
        string formSelector = "main form[method=post]",
        string? submitName = null,
        string? submitSelector = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector);
        Assert.True(form is not null, $"No form '{formSelector}' on {pageUrl}:\n{page.DocumentElement.OuterHtml}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form!.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked && !fields.ContainsKey(input.Name!)) values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlInputElement { Name.Length: > 0 } input when input.Type is not ("submit" or "button"):
                    if (!fields.ContainsKey(input.Name!)) values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement { Name.Length: > 0 } select:
                    if (!fields.ContainsKey(select.Name!) && select.Value is { } v) values.Add(new(select.Name!, v));
                    break;
                case IHtmlTextAreaElement { Name.Length: > 0 } area:
                    if (!fields.ContainsKey(area.Name!)) values.Add(new(area.Name!, area.Value));
                    break;
            }
        }
        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        if (submitName is not null)
        {
            var button = form.QuerySelector<IHtmlButtonElement>($"button[name='{submitName}']");
            values.Add(new(submitName, button?.Value ?? ""));
        }
        if (submitSelector is not null)
        {
            // The button that was pressed: a browser posts to its formaction (a second handler) when it has one.
            var pressed = form.QuerySelector(submitSelector);
            Assert.True(pressed is not null, $"No button '{submitSelector}' in the form on {pageUrl}");
            action = pressed!.GetAttribute("formaction") is { Length: > 0 } f ? f : action;
        }
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            // A GET form sends its fields as the query, as a browser does.
            var query = await new FormUrlEncodedContent(values).ReadAsStringAsync();
            return await client.GetAsync(action + "?" + query);
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<IHtmlDocument> ReadPageAsync(this HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>A client that, like a browser, keeps cookies; redirects are not followed so tests can see them.</summary>
    public static HttpClient CreateBrowser(this DialogueFactory factory, bool followRedirects = true) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
            BaseAddress = new Uri("http://localhost"),
        });
}
