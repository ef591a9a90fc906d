using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Dialogue.Tests.Features.Localization;

/// <summary>Every English text of every feature, and of the shared layout, has a Simplified Chinese translation that keeps its placeholders.</summary>
public sealed partial class LocalizationTests
{
    // T["..."] in views, text["..."] in code, validation messages and display names, the email texts, and both forms of a plural.
    [GeneratedRegex(@"(?:(?:\bT\[|\btext\[|ErrorMessage\s*=\s*|\bDisplay\(\s*Name\s*=\s*|\b(?:Heading|Message|Action|Footer)\s*:\s*|IgnoreFooter\s*=\s*)""((?:[^""\\]|\\.)*)""|\b(?:T|text)\.Plural\([^,]+,\s*""((?:[^""\\]|\\.)*)"",\s*""((?:[^""\\]|\\.)*)"")")]
    private static partial Regex FeatureText();

    // S["..."] (the shared localizer in views) and both forms of S.Plural(count, "one", "other").
    [GeneratedRegex(@"(?:\bS\[""((?:[^""\\]|\\.)*)""|\bS\.Plural\([^,]+,\s*""((?:[^""\\]|\\.)*)"",\s*""((?:[^""\\]|\\.)*)"")")]
    private static partial Regex SharedText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>Every folder of Resources/Features holding a Text.zh-Hans.resx, as a path ("Threads", "Glossary/Tbx"): a part of a feature may have its own.</summary>
    public static TheoryData<string> Features() => [.. FeatureFolders()];

    private static IEnumerable<string> FeatureFolders()
    {
        var resources = Path.Combine(RepositoryRoot(), "src", "Dialogue.Web", "Resources", "Features");
        return Directory.EnumerateFiles(resources, "Text.zh-Hans.resx", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(resources, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Every_feature_text_has_a_Chinese_translation_with_the_same_placeholders(string feature)
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, "src", "Dialogue.Web", "Features", feature);
        // A part of the feature with texts of its own (Glossary/Tbx inside Glossary) is checked against its own file.
        var parts = FeatureFolders().Where(f => f.StartsWith(feature + "/", StringComparison.Ordinal))
            .Select(f => Path.Combine(root, "src", "Dialogue.Web", "Features", f) + Path.DirectorySeparatorChar).ToList();
        var keys = SourceFiles(folder)
            .Where(f => !parts.Any(p => f.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(f => FeatureText().Matches(File.ReadAllText(f)))
            .SelectMany(Texts)
            .ToHashSet(StringComparer.Ordinal);

        AssertTranslated(keys, Path.Combine(root, "src", "Dialogue.Web", "Resources", "Features", feature, "Text.zh-Hans.resx"));
    }

    [Fact]
    public void Every_shared_text_has_a_Chinese_translation_with_the_same_placeholders()
    {
        var root = RepositoryRoot();
        var keys = SourceFiles(Path.Combine(root, "src", "Dialogue.Web"))
            .SelectMany(f => SharedText().Matches(File.ReadAllText(f)))
            .SelectMany(Texts)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(keys.Count > 30, $"Found only {keys.Count} shared texts; is the pattern still right?");
        AssertTranslated(keys, Path.Combine(root, "src", "Dialogue.Web", "Resources", "SharedText.zh-Hans.resx"));
    }

    private static IEnumerable<string> Texts(Match match) => match.Groups.Values.Skip(1).Where(g => g.Success).Select(g => g.Value);

    private static void AssertTranslated(HashSet<string> keys, string resx)
    {
        var translations = XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);
        Assert.Equal([], keys.Where(k => !translations.ContainsKey(k)).Order(StringComparer.Ordinal));
        Assert.Equal([], keys.Where(k => translations.ContainsKey(k) && !SamePlaceholders(k, translations[k])).Order(StringComparer.Ordinal));
        Assert.Equal([], translations.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal));

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
