using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Threads;

public sealed partial class ThreadsConventionTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [GeneratedRegex("""\b(?:T|text)\["((?:[^"\\]|\\.)*)"|(?:ErrorMessage|Name) = "((?:[^"\\]|\\.)*)"|Meaning\(.*?\) => .*? "((?:[^"\\]|\\.)*)",""")]
    private static partial Regex LocalizedString();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dialogue.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Dialogue.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("Threads")]
    [InlineData("Spaces")]
    public void Every_string_of_the_feature_has_a_Chinese_translation(string feature)
    {
        var root = RepositoryRoot();
        var resx = XDocument.Load(Path.Combine(root, "src/Dialogue.Web/Resources/Features", feature, "Text.zh-Hans.resx"));
        var translated = resx.Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var used = Directory.EnumerateFiles(Path.Combine(root, "src/Dialogue.Web/Features", feature), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => LocalizedString().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            .Where(s => s.Length > 0)
            .Distinct()
            .ToList();
        Assert.True(used.Count > 40, $"only {used.Count} strings found");
        var missing = used.Where(s => !translated.ContainsKey(s) || string.IsNullOrWhiteSpace(translated[s])).ToList();
        Assert.True(missing.Count == 0, "Missing zh-Hans: " + string.Join(" | ", missing));
    }

    [Fact]
    public void Every_label_meaning_has_a_Chinese_translation()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryRoot(), "src/Dialogue.Web/Resources/Features/Access/Text.zh-Hans.resx"));
        var keys = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        Assert.All(Enum.GetValues<SensitivityLabel>(), l => Assert.Contains(Dialogue.Web.Features.Access.LabelTagHelper.Meaning(l), keys));
    }

    [Fact]
    public async Task Thread_page_speaks_Chinese_to_a_Chinese_browser()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("多语言"), "内容");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var page = await client.GetPageAsync($"/Threads/{thread.Id}");
        Assert.Equal("任何人均可阅读，无论是否登录。", page.QuerySelector(".tlp-meaning")!.TextContent);
        Assert.Contains("登录后回复", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_id_taking_thread_page_answers_404_for_an_unknown_id()
    {
        var member = await factory.CreateSignedInBrowserAsync(await factory.CreateMemberAsync());
        string[] urls =
        [
            "/Threads/999999", "/Threads/Post/999999", "/Threads/History?postId=999999", "/Threads/Edit?postId=999999",
            "/Threads/Delete?postId=999999", "/Threads/Reply?threadId=999999", "/Threads/New?spaceId=999999",
            "/Spaces/no-such-space", "/Spaces/Members?spaceId=999999", "/Threads/History?postId=abc",
        ];
        foreach (var url in urls)
        {
            Assert.True(HttpStatusCode.NotFound == (await member.GetAsync(url)).StatusCode, url);
        }
    }
}
