using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Glossary.Tbx;
using Dialogue.Tests.Infrastructure;
using Microsoft.Playwright;
using static Dialogue.Tests.Features.Glossary.Tbx.GlossaryFixtures;

namespace Dialogue.BrowserTests.Features;

/// <summary>Glossary journeys in Chromium: review, linked terms in posts, the side-by-side view, and every page scanned at two widths.</summary>
[Collection(BrowserGroup.Name)]
public sealed class GlossaryBrowserTests(BrowserFixture fixture)
{
    private static string Unique(string word) => word + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task An_editor_accepts_a_proposed_change_and_the_entry_shows_it()
    {
        var app = fixture.App;
        var editor = await app.CreateMemberAsync();
        var proposer = await app.CreateMemberAsync();
        var glossary = await app.CreateGlossaryAsync(SensitivityLabel.Clear, editors: [editor]);
        var term = Unique("specification gaming ");
        var conceptId = (await app.AddEntriesAsync(glossary.Id, (new ConceptSnapshot
        {
            Languages = [Language("en", "An old definition.", "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))],
        }, []))).Single();

        // A member proposes a better definition from the entry's page.
        var p = await fixture.NewPageAsync();
        await p.SignInAsync(proposer.Email!, DialogueFactory.Password);
        await p.GotoAsync($"/Glossary/Concept/{conceptId}");
        await p.MainContent().GetByRole(AriaRole.Link, new() { Name = "Propose a change" }).ClickAsync();
        await p.Locator("#Data_Languages_0__Definition").FillAsync("A system satisfies the letter of its objective but not its intent.");
        await p.GetByLabel("What and why (shown to the editors and in the history)").FillAsync("Clearer definition");
        await p.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        // The editor finds it among the proposals, sees what would change, and accepts it.
        var e = await fixture.NewPageAsync();
        await e.SignInAsync(editor.Email!, DialogueFactory.Password);
        await e.GotoAsync($"/Glossary/Proposals?glossaryId={glossary.Id}");
        await e.MainContent().GetByRole(AriaRole.Link, new() { Name = term.Trim() }).First.ClickAsync();
        await Assertions.Expect(e.Locator(".glossary-diff ins").First).ToContainTextAsync("letter of its objective");
        await e.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(e.GetByText("The proposal was accepted.")).ToBeVisibleAsync();

        // The entry now reads the new definition, and its history holds both revisions.
        await p.GotoAsync($"/Glossary/Concept/{conceptId}");
        await Assertions.Expect(p.MainContent()).ToContainTextAsync("letter of its objective but not its intent");
        await Assertions.Expect(p.MainContent()).Not.ToContainTextAsync("An old definition.");
        await p.GotoAsync($"/Glossary/History?conceptId={conceptId}");
        await Assertions.Expect(p.Locator("table.revisions tbody tr")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_reader_sees_a_linked_terms_definition_on_hover_and_on_keyboard_focus()
    {
        var app = fixture.App;
        var term = Unique("mesaoptimizer");
        var definition = $"A learned model that is itself an optimiser ({term}).";
        var glossary = await app.CreateGlossaryAsync(SensitivityLabel.Clear);
        await app.AddEntriesAsync(glossary.Id, (new ConceptSnapshot
        {
            Languages = [Language("en", definition, "", Term(term, TermStatus.Preferred, PartOfSpeech.Noun))],
        }, []));
        var author = await app.CreateMemberAsync();
        var space = await app.CreateSpaceAsync(SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        await app.AddToSpaceAsync(space.Id, author);
        var thread = await app.StartThreadAsync(space.Id, author, SensitivityLabel.Clear, ThreadsWorld.Unique("Inner optimisers"),
            $"Could a {term} emerge during training?");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/Threads/{thread.Id}");
        var link = page.Locator(".post-body a.glossary-term");
        await Assertions.Expect(link).ToHaveTextAsync(term);
        var tip = page.Locator(".post-body .glossary-tip");
        await Assertions.Expect(tip).ToBeHiddenAsync();
        await Assertions.Expect(link).ToHaveAccessibleDescriptionAsync(definition);

        await link.HoverAsync();
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip).ToHaveTextAsync(definition);
        // The tip stays while the pointer moves onto it (WCAG 1.4.13), and goes when the pointer leaves.
        await tip.HoverAsync();
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await page.Locator("h1").HoverAsync();
        await Assertions.Expect(tip).ToBeHiddenAsync();

        // A keyboard reader tabs through the page until the term has focus.
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await link.EvaluateAsync<bool>("a => document.activeElement === a");
        }
        Assert.True(reached, "Tab never reached the linked term");
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip).ToHaveTextAsync(definition);
        // Escape hides it without moving focus (WCAG 1.4.13, dismissible).
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(tip).ToBeHiddenAsync();
        Assert.True(await link.EvaluateAsync<bool>("a => document.activeElement === a"));
    }

    [Fact]
    public async Task The_side_by_side_view_shows_english_and_simplified_chinese_next_to_each_other()
    {
        var app = fixture.App;
        var glossary = await app.CreateGlossaryAsync(SensitivityLabel.Clear);
        var conceptId = (await app.AddEntriesAsync(glossary.Id, SampleEntries()))[0];

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/Glossary/Concept/{conceptId}?left=fr&right=en");
        var side = page.Locator(".side-by-side");
        await side.GetByLabel("Left").SelectOptionAsync("en");
        await side.GetByLabel("Right").SelectOptionAsync("zh-Hans");
        await side.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        var columns = side.Locator(".side-column");
        await Assertions.Expect(columns).ToHaveCountAsync(2);
        await Assertions.Expect(columns.Nth(0).GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync("English (en)");
        await Assertions.Expect(columns.Nth(1).GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("(zh-Hans)");
        await Assertions.Expect(columns.Nth(0)).ToContainTextAsync("Making an AI system pursue the goals its designers intend.");
        await Assertions.Expect(columns.Nth(1)).ToContainTextAsync("使人工智能系统追求其设计者意图的目标。");
        await Assertions.Expect(columns.Nth(1)).ToContainTextAsync("对齐");
        var left = (await columns.Nth(0).BoundingBoxAsync())!;
        var right = (await columns.Nth(1).BoundingBoxAsync())!;
        Assert.True(right.X >= left.X + left.Width - 1 && Math.Abs(right.Y - left.Y) < 2, $"columns at {left.X},{left.Y} and {right.X},{right.Y}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Glossary_pages_have_no_serious_violations_and_fit_the_screen(bool phone)
    {
        var app = fixture.App;
        var editor = await app.CreateMemberAsync();
        var glossary = await app.CreateGlossaryAsync(SensitivityLabel.Clear, editors: [editor], name: ThreadsWorld.Unique("AI safety terms 人工智能安全术语"));
        var conceptId = (await app.AddEntriesAsync(glossary.Id, SampleEntries()))[0];

        var page = await fixture.NewPageAsync(phone: phone);
        await page.SignInAsync(editor.Email!, DialogueFactory.Password);
        // A second revision for the history and the diff, and an open proposal for the list, made as an editor would.
        await page.GotoAsync($"/Glossary/Propose?glossaryId={glossary.Id}&conceptId={conceptId}");
        await page.Locator("#Data_Languages_0__Definition").FillAsync("Making an AI system reliably pursue the goals its designers intend, even under pressure.");
        await page.GetByLabel("What and why (shown to the editors and in the history)").FillAsync("Sharper definition");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save now as an editor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await page.GotoAsync($"/Glossary/Propose?glossaryId={glossary.Id}");
        await page.Locator("#Data_Terms_0__LanguageTag").FillAsync("en");
        await page.Locator("#Data_Terms_0__Text").FillAsync(Unique("goal misgeneralisation "));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        foreach (var path in new[]
        {
            "/Glossary",
            $"/Glossary/{glossary.Id}",
            $"/Glossary/Concept/{conceptId}",
            $"/Glossary/History?conceptId={conceptId}",
            $"/Glossary/Diff?conceptId={conceptId}&from=1&to=2",
            $"/Glossary/Proposals?glossaryId={glossary.Id}",
            $"/Glossary/Propose?glossaryId={glossary.Id}&conceptId={conceptId}",
        })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            await AssertReadableAsync(page);
        }

        // The import preview, after choosing a file as a person would.
        await page.GotoAsync($"/Glossary/Import?glossaryId={glossary.Id}");
        await page.GetByLabel("TBX or CSV file").SetInputFilesAsync(Standard("Example_Astronomy_DCA_VALID.tbx"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview of Example_Astronomy_DCA_VALID.tbx" })).ToBeVisibleAsync();
        await AssertReadableAsync(page);
    }

    private static async Task AssertReadableAsync(IPage page)
    {
        await page.AssertNoSeriousViolationsAsync();
        Assert.False(await page.ScrollsSidewaysAsync(), $"{page.Url} scrolls sideways: {await page.WiderThanTheScreenAsync()}");
    }
}
