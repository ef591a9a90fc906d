using AngleSharp.Html.Parser;

namespace Dialogue.Tests.Infrastructure;

public static class Links
{
    public static IEnumerable<string> In(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!);

    /// <summary>The path and query of an absolute link, for following it with a test client.</summary>
    public static string PathOf(string url) => new Uri(url).PathAndQuery;
}
