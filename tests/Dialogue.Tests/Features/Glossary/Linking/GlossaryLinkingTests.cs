using AngleSharp.Dom;
using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Glossary.Tbx;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dialogue.Tests.Features.Glossary.Tbx.GlossaryFixtures;

namespace Dialogue.Tests.Features.Glossary.Linking;

/// <summary>Approved terms of the glossaries a reader may read, linked into the thread page.</summary>
public sealed class GlossaryLinkingTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<IDocument> ThreadPageAsync(HttpClient client, string body, params Dialogue.Data.Accounts.DialogueUser[] members)
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        foreach (var member in members)
        {
            await factory.AddToSpaceAsync(space.Id, member);
        }
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Linking"), body);
        return await client.GetPageAsync($"/Threads/{thread.Id}");
    }

    private async Task PublicGlossaryAsync(params (ConceptSnapshot, int[])[] entries)
    {
        var glossary = await factory.CreateGlossaryAsync(SensitivityLabel.Clear);
        await factory.AddEntriesAsync(glossary.Id, entries);
    }

    private static string[] Links(IDocument page) =>
        [.. page.QuerySelectorAll(".post-body a.glossary-term").Select(a => a.TextContent)];

    [Fact]
    public async Task Terms_are_linked_in_text_but_not_in_code_links_quotes_or_mentions()
    {
        var term = "zebrafication" + Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync((new ConceptSnapshot
        {
            Languages = [Language("en", $"The definition of {term}.", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))],
        }, []));
        var mentioned = await factory.CreateMemberAsync($"{term}@test.dialogue");

        var page = await ThreadPageAsync(factory.CreateBrowser(),
            $"Plain {term} here.\n\n`{term}` in code and [{term}](https://example.org) in a link.\n\n```\n{term}\n```\n\n> {term} quoted\n\nHi @{term}@test.dialogue",
            mentioned);

        Assert.Equal([term], Links(page));
        var link = page.QuerySelector(".post-body a.glossary-term")!;
        var tip = page.GetElementById(link.GetAttribute("aria-describedby")!)!;
        Assert.Equal("tooltip", tip.GetAttribute("role"));
        Assert.Equal($"The definition of {term}.", tip.TextContent);
        Assert.Equal(term, page.QuerySelector(".post-body code")!.TextContent);
        Assert.Equal("https://example.org", page.QuerySelector(".post-body a[href^='https']")!.GetAttribute("href"));
        Assert.Contains(term, page.QuerySelector(".post-body blockquote")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".post-body blockquote .glossary-term"));
        Assert.Null(page.QuerySelector(".post-body .mention .glossary-term"));
    }

    [Fact]
    public async Task Overlapping_terms_link_the_longest_and_Chinese_is_matched_without_spaces_with_the_readers_language()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync(
            (new ConceptSnapshot
            {
                Languages =
                [
                    Language("en", "Adversarial testing.", "", Term($"red teaming {suffix}", TermStatus.Preferred, PartOfSpeech.Noun)),
                    Language("zh-Hans", "对抗性测试。", "", Term($"红队测试{suffix}", TermStatus.Preferred, PartOfSpeech.Noun)),
                ],
            }, []),
            (new ConceptSnapshot { Languages = [Language("en", "A colour.", "", Term($"teaming {suffix}", TermStatus.Admitted, PartOfSpeech.Noun))] }, []));

        var page = await ThreadPageAsync(factory.CreateBrowser(), $"We did red teaming {suffix} today. 我们做了红队测试{suffix}。");
        Assert.Equal([$"red teaming {suffix}", $"红队测试{suffix}"], Links(page));

        var chinese = factory.CreateBrowser();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var zh = await ThreadPageAsync(chinese, $"We did red teaming {suffix} today.");
        Assert.Equal("对抗性测试。", zh.QuerySelector(".post-body .glossary-tip")!.TextContent);
    }

    [Fact]
    public async Task A_deprecated_term_is_marked_with_the_preferred_one_and_proposed_terms_are_not_linked()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync((new ConceptSnapshot
        {
            Languages =
            [
                Language("en", "", "",
                    Term($"alignment {suffix}", TermStatus.Preferred, PartOfSpeech.Noun),
                    Term($"ai control {suffix}", TermStatus.Deprecated, PartOfSpeech.Noun),
                    Term($"value loading {suffix}", TermStatus.Proposed, PartOfSpeech.Noun)),
            ],
        }, []));

        var page = await ThreadPageAsync(factory.CreateBrowser(), $"Some say ai control {suffix} or value loading {suffix}.");

        Assert.Equal([$"ai control {suffix}"], Links(page));
        Assert.NotNull(page.QuerySelector(".post-body .glossary-deprecated"));
        Assert.Equal($"Deprecated term: prefer “alignment {suffix}”.", page.QuerySelector(".post-body .glossary-tip")!.TextContent);
    }

    [Fact]
    public async Task A_red_glossarys_terms_are_linked_for_its_editors_and_never_hinted_to_anyone_else()
    {
        var term = "gradienthack" + Guid.NewGuid().ToString("N")[..6];
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var editor = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, editor);
        await factory.AddToSpaceAsync(space.Id, outsider);
        var red = await factory.CreateGlossaryAsync(SensitivityLabel.Red, space.Id, [editor]);
        await factory.AddEntriesAsync(red.Id, (new ConceptSnapshot
        {
            Languages = [Language("en", "SECRET-DEFINITION", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))],
        }, []));
        var thread = await factory.StartThreadAsync(space.Id, editor, SensitivityLabel.Clear, ThreadsWorld.Unique("Red glossary"), $"About {term}.");

        var forEditor = await (await factory.CreateSignedInBrowserAsync(editor)).GetPageAsync($"/Threads/{thread.Id}");
        var forOutsider = await (await factory.CreateSignedInBrowserAsync(outsider)).GetPageAsync($"/Threads/{thread.Id}");
        var forVisitor = await factory.CreateBrowser().GetPageAsync($"/Threads/{thread.Id}");

        Assert.Equal([term], Links(forEditor));
        foreach (var page in new[] { forOutsider, forVisitor })
        {
            Assert.Empty(Links(page));
            Assert.DoesNotContain("SECRET-DEFINITION", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("glossary", page.QuerySelector(".post-body")!.InnerHtml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_author_who_opts_a_post_out_sees_it_without_links_while_other_posts_keep_theirs()
    {
        var term = "optoutterm" + Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync((new ConceptSnapshot { Languages = [Language("en", "Defined.", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))] }, []));
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Opt-out"), $"First {term}.");
        var client = await factory.CreateSignedInBrowserAsync(author);

        var reply = await client.SubmitAsync($"/Threads/Reply?threadId={thread.Id}", new Dictionary<string, string>
        {
            ["Data.Body"] = $"Second {term}, unlinked.",
            ["Data.NoGlossaryLinks"] = "true",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/{thread.Id}");
        var bodies = page.QuerySelectorAll(".post-body").ToList();
        Assert.Equal(2, bodies.Count);
        Assert.NotNull(bodies[0].QuerySelector("a.glossary-term"));
        Assert.Null(bodies[1].QuerySelector("a.glossary-term"));
        Assert.Contains($"Second {term}, unlinked.", bodies[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_opt_out_is_written_with_the_post_itself_by_the_posting_service()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);

        var (threadId, firstId, replyId) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<DialogueDbContext>();
            var posting = sp.GetRequiredService<Posting>();
            var viewer = await ViewerLoader.ForUserAsync(db, author.Id, CancellationToken.None);
            var thread = await posting.StartThreadAsync(new Posting.NewThread(space.Id, ThreadsWorld.Unique("Opted out"), SensitivityLabel.Clear, [], "First.", [],
                GlossaryLinksOff: true), viewer, CancellationToken.None);
            var reply = await posting.ReplyAsync(thread.Id, "Second.", viewer, CancellationToken.None, glossaryLinksOff: true);
            return (thread.Id, thread.Posts[0].Id, reply.Id);
        });

        var flags = await factory.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId).OrderBy(p => p.Number).Select(p => p.GlossaryLinksOff).ToListAsync());
        Assert.Equal([true, true], flags);
        Assert.NotEqual(firstId, replyId);
    }

    [Fact]
    public async Task An_author_turns_links_back_on_by_editing_and_no_revision_is_added_for_the_choice_alone()
    {
        var term = "relinkterm" + Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync((new ConceptSnapshot { Languages = [Language("en", "Defined.", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))] }, []));
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var client = await factory.CreateSignedInBrowserAsync(author);
        var started = await client.SubmitAsync($"/Threads/New?spaceId={space.Id}", new Dictionary<string, string>
        {
            ["Data.Title"] = ThreadsWorld.Unique("Opt-out on start"),
            ["Data.Body"] = $"About {term}.",
            ["Data.NoGlossaryLinks"] = "true",
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, started.StatusCode);
        var post = await factory.WithDbAsync(db => db.Posts.AsNoTracking().Where(p => p.AuthorId == author.Id).SingleAsync());
        Assert.True(post.GlossaryLinksOff);
        var editForm = await client.GetPageAsync($"/Threads/Edit?postId={post.Id}");
        Assert.True(editForm.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Data_NoGlossaryLinks")!.IsChecked);

        var edited = await client.SubmitAsync($"/Threads/Edit?postId={post.Id}", new Dictionary<string, string> { ["Data.NoGlossaryLinks"] = "false" });

        Assert.Equal(System.Net.HttpStatusCode.OK, edited.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Posts.Where(p => p.Id == post.Id).Select(p => p.GlossaryLinksOff).SingleAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.PostRevisions.CountAsync(r => r.PostId == post.Id)));
        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/{post.ThreadId}");
        Assert.Equal([term], Links(page));
    }

    [Fact]
    public async Task The_post_permalink_shows_the_post_with_its_terms_linked_for_the_reader()
    {
        var term = "permalinkterm" + Guid.NewGuid().ToString("N")[..6];
        await PublicGlossaryAsync((new ConceptSnapshot { Languages = [Language("en", "Defined here.", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))] }, []));
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var author = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, author);
        var thread = await factory.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Permalink"), "Opening.");
        var reply = await factory.ReplyAsync(thread.Id, author, $"The {term} again.");

        var page = await factory.CreateBrowser().GetPageAsync($"/Threads/Post/{reply.Id}");

        var shown = page.GetElementById("post-2")!;
        Assert.Equal([term], shown.QuerySelectorAll(".post-body a.glossary-term").Select(a => a.TextContent));
        Assert.Equal("Defined here.", shown.QuerySelector(".glossary-tip")!.TextContent);
    }

    [Fact]
    public async Task The_revision_history_links_terms_in_every_version_for_a_reader_of_the_glossary_only()
    {
        var term = "historyterm" + Guid.NewGuid().ToString("N")[..6];
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var editor = await factory.CreateMemberAsync();
        var outsider = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, editor);
        await factory.AddToSpaceAsync(space.Id, outsider);
        var red = await factory.CreateGlossaryAsync(SensitivityLabel.Red, space.Id, [editor]);
        await factory.AddEntriesAsync(red.Id, (new ConceptSnapshot
        {
            Languages = [Language("en", "SECRET-HISTORY-DEFINITION", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))],
        }, []));
        var thread = await factory.StartThreadAsync(space.Id, editor, SensitivityLabel.Clear, ThreadsWorld.Unique("History"), $"First {term}.");
        var post = await factory.FirstPostAsync(thread.Id);
        await factory.WithScopeAsync(async sp =>
        {
            var viewer = await ViewerLoader.ForUserAsync(sp.GetRequiredService<DialogueDbContext>(), editor.Id, CancellationToken.None);
            await sp.GetRequiredService<Posting>().EditAsync(post.Id, $"Second {term}, edited.", viewer, CancellationToken.None);
            return true;
        });

        var forEditor = await (await factory.CreateSignedInBrowserAsync(editor)).GetPageAsync($"/Threads/History?postId={post.Id}");
        var forOutsider = await (await factory.CreateSignedInBrowserAsync(outsider)).GetPageAsync($"/Threads/History?postId={post.Id}");

        Assert.Equal([term, term], Links(forEditor));
        Assert.Equal(2, forEditor.QuerySelectorAll(".post-body .glossary-tip").Select(t => t.Id).Distinct().Count());
        Assert.Empty(Links(forOutsider));
        Assert.Equal(2, forOutsider.QuerySelectorAll(".post-body").Length);
        Assert.DoesNotContain("SECRET-HISTORY-DEFINITION", forOutsider.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
