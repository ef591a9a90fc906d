using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Glossary;

namespace Dialogue.Tests.Features.Glossary;

public sealed class LanguageTagsTests
{
    private static readonly string[] ChineseTerms = ["对齐", "红队测试", "越狱"];

    [Theory]
    [InlineData("en", "en")]
    [InlineData("ZH-hans", "zh-Hans")]
    [InlineData("pt-br", "pt-BR")]
    [InlineData(" ru ", "ru")]
    [InlineData("english", null)]
    [InlineData("xx", null)]
    [InlineData("en_US", null)]
    [InlineData("", null)]
    public void Known_BCP_47_tags_are_canonicalised_and_anything_else_is_refused(string tag, string? expected) =>
        Assert.Equal(expected, LanguageTags.Canonical(tag));

    [Fact]
    public void Lookup_text_folds_case_full_width_forms_and_spaces() =>
        Assert.Equal("rlhf training", TermText.Normalize("  ＲＬＨＦ   Training "));

    [Fact]
    public void Chinese_terms_file_under_their_pinyin_initial_when_ICU_has_the_collation_else_under_hash()
    {
        var expected = LanguageTags.ChineseSortsByPinyin ? new[] { "D", "H", "Y" } : ["#", "#", "#"];
        Assert.Equal(expected, ChineseTerms.Select(t => LanguageTags.IndexKey("zh-Hans", t)));
        Assert.Equal("E", LanguageTags.IndexKey("fr", "éthique"));
        Assert.Equal("Б", LanguageTags.IndexKey("ru", "безопасность"));
    }

    [Fact]
    public void This_runtime_sorts_Chinese_by_pinyin() =>
        // The deployment's ICU (libicu) has the zh collation; the page says so when a runtime without it falls back.
        Assert.True(LanguageTags.ChineseSortsByPinyin);
}
