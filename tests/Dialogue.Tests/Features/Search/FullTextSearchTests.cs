using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Search;

/// <summary>
/// Words, prefixes and mixed scripts, on both providers: PostgreSQL answers word terms from its full-text vector and the
/// rest from its trigram indexes, SQLite every term from its trigram index, and the same query finds the same posts.
/// </summary>
public sealed class FullTextSearchTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(long SpaceId, Dialogue.Data.Accounts.DialogueUser Author)> ClearSpaceAsync()
    {
        var author = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear);
        await factory.AddToSpaceAsync(space.Id, author);
        return (space.Id, author);
    }

    private static string Marker(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static long PostId(AngleSharp.Dom.IElement hit) =>
        long.Parse(hit.QuerySelector("h3 a")!.GetAttribute("href")!.Split('/', '?')[3], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<long>> FoundAsync(string query) =>
        [.. (await factory.CreateBrowser().GetPageAsync($"/Search?q={Uri.EscapeDataString(query)}")).QuerySelectorAll(".search-results li").Select(PostId).Order()];

    [Fact]
    public async Task A_word_finds_the_posts_where_it_begins_a_longer_word_whatever_the_case()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var word = Marker("ev");
        var longer = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Prefix"), $"A careful {word}uation of refusal training.");
        await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Prefix"), "Nothing of the kind here.");
        var expected = (await factory.FirstPostAsync(longer.Id)).Id;

        Assert.Equal([expected], await FoundAsync(word));
        Assert.Equal([expected], await FoundAsync(word.ToUpperInvariant()));
        Assert.Equal([expected], await FoundAsync($"careful {word}uation"));
        var page = await factory.CreateBrowser().GetPageAsync($"/Search?q={word}");
        Assert.Equal(word, page.QuerySelector(".search-results .snippet mark")?.TextContent);
    }

    [Fact]
    public async Task Cyrillic_words_are_found_by_their_beginning_whatever_the_case()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var marker = Marker("ru");
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Проверка"),
            $"Проверка устойчивости моделей {marker} к состязательным примерам.");
        var expected = (await factory.FirstPostAsync(thread.Id)).Id;

        Assert.Equal([expected], await FoundAsync($"УСТОЙЧИВ {marker}"));
        Assert.Equal([expected], await FoundAsync($"модел состязательн {marker}"));
        Assert.Empty(await FoundAsync($"моделью {marker}"));
    }

    [Fact]
    public async Task A_query_mixing_Chinese_and_English_finds_only_the_posts_holding_both()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var word = Marker("mx");
        // The English word sits inside Chinese text with no space around it, as it often does.
        var both = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("混合"), $"我们用{word}评估了模型的稳健性。");
        var english = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Mixed"), $"{word} appears here with no Chinese at all.");
        await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("中文"), "这里只有评估两个字，没有英文。");
        var bothId = (await factory.FirstPostAsync(both.Id)).Id;
        var englishId = (await factory.FirstPostAsync(english.Id)).Id;

        Assert.Equal([bothId], await FoundAsync($"评估 {word}"));
        Assert.Equal([bothId], await FoundAsync($"{word} 稳健性"));
        Assert.Equal(new[] { bothId, englishId }.Order(), await FoundAsync(word));
    }

    [Fact]
    public async Task A_term_with_punctuation_is_found_as_written()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var marker = Marker("gp");
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Punctuation"),
            $"Results for {marker}-4o, see {marker}.example.org/results.");
        await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Punctuation"), $"Results for {marker} 4o alone.");
        var expected = (await factory.FirstPostAsync(thread.Id)).Id;

        Assert.Equal([expected], await FoundAsync($"{marker}-4o"));
        Assert.Equal([expected], await FoundAsync($"{marker}.example.org/results"));
        Assert.Equal(2, (await FoundAsync(marker)).Count);
    }

    [Fact]
    public async Task A_word_of_the_title_finds_the_opening_post_and_not_its_replies()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var word = Marker("ti");
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, $"Notes on {word}ability", "The opening post never names it.");
        await factory.ReplyAsync(thread.Id, author, "Neither does this reply.");

        Assert.Equal([(await factory.FirstPostAsync(thread.Id)).Id], await FoundAsync($"{word} opening"));
    }

    [Fact]
    public async Task After_the_title_and_the_text_change_only_the_new_words_find_the_post()
    {
        var (spaceId, author) = await ClearSpaceAsync();
        var (oldTitleWord, newTitleWord, oldTextWord, newTextWord) = (Marker("ot"), Marker("nt"), Marker("ob"), Marker("nb"));
        var thread = await factory.StartThreadAsync(spaceId, author, SensitivityLabel.Clear, $"Draft {oldTitleWord}", $"First {oldTextWord} draft.");
        var first = await factory.FirstPostAsync(thread.Id);
        var browser = await factory.CreateSignedInBrowserAsync(author);

        await browser.SubmitAsync($"/Threads/Title?threadId={thread.Id}", new Dictionary<string, string> { ["Data.Title"] = $"Final {newTitleWord}" });
        await browser.SubmitAsync($"/Threads/Edit?postId={first.Id}", new Dictionary<string, string> { ["Data.Body"] = $"Second {newTextWord} text." });

        Assert.Equal([first.Id], await FoundAsync(newTitleWord));
        Assert.Equal([first.Id], await FoundAsync(newTextWord));
        Assert.Empty(await FoundAsync(oldTitleWord));
        Assert.Empty(await FoundAsync(oldTextWord));
    }
}
