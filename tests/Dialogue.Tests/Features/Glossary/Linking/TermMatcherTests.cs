using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Glossary.Linking;

namespace Dialogue.Tests.Features.Glossary.Linking;

public sealed class TermMatcherTests
{
    private static readonly TermMatcher Matcher = new(
    [
        new LinkableTerm("alignment", "en", TermStatus.Preferred, 1, 1),
        new LinkableTerm("red", "en", TermStatus.Admitted, 2, 1),
        new LinkableTerm("red teaming", "en", TermStatus.Preferred, 3, 1),
        new LinkableTerm("teaming", "en", TermStatus.Admitted, 4, 1),
        new LinkableTerm("RLHF", "en", TermStatus.Preferred, 5, 1),
        new LinkableTerm("对齐", "zh-Hans", TermStatus.Preferred, 1, 1),
        new LinkableTerm("红队测试", "zh-Hans", TermStatus.Preferred, 3, 1),
        new LinkableTerm("红队", "zh-Hans", TermStatus.Admitted, 6, 1),
    ]);

    private static List<string> Linked(string text) =>
        [.. TermMatcher.Choose(Matcher.FindAll(text)).Select(m => text.Substring(m.Start, m.Length))];

    [Fact]
    public void Whole_words_only_in_spaced_scripts_and_any_case_for_lower_case_terms() =>
        Assert.Equal(["Alignment", "alignment"], Linked("Alignment, misalignment and alignment."));

    [Fact]
    public void The_longest_of_overlapping_terms_wins() =>
        Assert.Equal(["red teaming", "red"], Linked("After red teaming, the red flags."));

    [Fact]
    public void A_term_written_with_capitals_matches_only_as_written() =>
        Assert.Equal(["RLHF"], Linked("rlhf is not RLHF"));

    [Fact]
    public void Chinese_text_without_spaces_is_matched_by_dictionary_longest_first() =>
        Assert.Equal(["对齐", "红队测试", "红队"], Linked("我们讨论了对齐和红队测试，以及红队的组成。"));
}
