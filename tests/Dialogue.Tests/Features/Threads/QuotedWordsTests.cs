using Dialogue.Web.Features.Threads;
using Dialogue.Web.Features.Threads.Markdown;

namespace Dialogue.Tests.Features.Threads;

/// <summary>What the renderer keeps of a post's own words, and what the Quote button may copy of it.</summary>
public sealed class QuotedWordsTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private static FinishedPost Render(string source) => MarkdownRenderer.Finish(Renderer.Parse(source), new Dictionary<string, string>());

    [Fact]
    public void Every_quote_marker_becomes_a_placeholder_whoever_writes_it()
    {
        var html = Render("> [quote=42]\n>\n> quoted-words\n\nown-words").Html;
        Assert.Contains("<blockquote data-quote=\"42\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[quote=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> [quote=42]\n>\n> quoted-words\n\nown-words")]
    [InlineData("> [quote=42]\n> quoted-words\nquoted-lazy-words\n\nown-words")]
    [InlineData("- own-words\n\n  > [quote=42]\n  > quoted-words")]
    [InlineData("> own-words\n>\n> > [quote=42]\n> > quoted-words")]
    [InlineData("> [quote=7]\n> > [quote=42]\n> > quoted-words\n\nown-words")]
    [InlineData("own-words\n\n> \\[quote=42]\n> quoted-words")]
    [InlineData("> [quote=42]\n> quoted-words[^1]\n>\n> [^1]: quoted-footnote\n\nown-words")]
    [InlineData("> [quote=42]\n> *[ABC]: quoted-abbreviation\n\nown-words ABC")]
    public void Plain_text_holds_the_posts_own_words_only(string source)
    {
        var plain = Render(source).PlainText;
        Assert.Contains("own-words", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("quoted", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> [quote=42]\n> quoted-words[^1]\n>\n> [^1]: quoted-footnote\n\nown-words")]
    [InlineData("> [quote=42]\n> *[ABC]: quoted-abbreviation\n\nown-words ABC")]
    public void Words_inside_a_quote_block_never_render_outside_its_placeholder(string source)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + Render(source).Html + "</body>");
        foreach (var quote in document.QuerySelectorAll("blockquote[data-quote]").ToList())
        {
            quote.Remove();
        }
        Assert.Contains("own-words", document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("quoted", document.Body.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_separates_blocks_and_leaves_out_mentions()
    {
        var parsed = Renderer.Parse("# Title\n\nfirst paragraph\n\n- item one\n- item two\n\nhello @li.wei and @nobody");
        var plain = MarkdownRenderer.Finish(parsed, new Dictionary<string, string> { ["li.wei"] = "user-1" }).PlainText;
        Assert.Equal("Title\nfirst paragraph\nitem one\nitem two\nhello and @nobody", plain);
    }

    [Theory]
    [InlineData("> [quote=42]\n>\n> quoted-words\n\nown-words", "42")]
    [InlineData("> [quote=42]\n> quoted-words\nquoted-lazy-words\n\nown-words", "42")]
    [InlineData("- own-words\n\n  > [quote=42]\n  > quoted-words", "42")]
    [InlineData("> own-words\n>\n> > [quote=42]\n> > quoted-words", "42")]
    [InlineData("> [quote=7]\n> > [quote=42]\n> > quoted-words\n\nown-words", "7")]
    [InlineData("own-words\n\n> \\[quote=42]\n> quoted-words", "42")]
    [InlineData("own-words\r\n\r\n> [quote=42]\r\n> quoted-words\r\n", "42")]
    [InlineData("own-words\n\n> [quote=42]\n> ```\n> quoted-words\n> ```", "42")]
    public void Quoting_copies_own_words_and_leaves_quotes_as_references(string source, string reference)
    {
        var own = Renderer.WithoutQuotedWords(source);
        Assert.Contains("own-words", own, StringComparison.Ordinal);
        Assert.DoesNotContain("quoted", own, StringComparison.Ordinal);
        var html = Render(ReplyModel.QuoteOf(1, own)).Html;
        Assert.Contains($"<blockquote data-quote=\"{reference}\">", html, StringComparison.Ordinal);
    }
}
