using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dialogue.Tests.Features.Accounts;

/// <summary>Every English text of the Accounts feature has a Simplified Chinese translation that keeps its placeholders.</summary>
public sealed partial class LocalizationTests
{
    // T["..."] in views, text["..."] in code, validation messages and display names, and the email texts.
    [GeneratedRegex(@"(?:\bT\[|\btext\[|ErrorMessage\s*=\s*|\bName\s*=\s*|\b(?:Heading|Message|Action|Footer)\s*:\s*|IgnoreFooter\s*=\s*)""((?:[^""\\]|\\.)*)""")]
    private static partial Regex EnglishText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_accounts_text_has_a_Chinese_translation_with_the_same_placeholders()
    {
        var root = RepositoryRoot();
        var feature = Path.Combine(root, "src", "Dialogue.Web", "Features", "Accounts");
        var keys = Directory.EnumerateFiles(feature)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => EnglishText().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var translations = XDocument.Load(Path.Combine(root, "src", "Dialogue.Web", "Resources", "Features", "Accounts", "Text.zh-Hans.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

        Assert.True(keys.Count > 100, $"Found only {keys.Count} texts; is the pattern still right?");
        Assert.Equal([], keys.Where(k => !translations.ContainsKey(k)).Order(StringComparer.Ordinal));
        Assert.Equal([], keys.Where(k => translations.ContainsKey(k) && !SamePlaceholders(k, translations[k])).Order(StringComparer.Ordinal));
        Assert.Equal([], translations.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key));
    }

    private static bool SamePlaceholders(string english, string chinese) =>
        Placeholder().Matches(english).Select(m => m.Value).Order(StringComparer.Ordinal)
            .SequenceEqual(Placeholder().Matches(chinese).Select(m => m.Value).Order(StringComparer.Ordinal));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dialogue.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "Dialogue.sln not found above " + AppContext.BaseDirectory);
        return directory!.FullName;
    }
}
