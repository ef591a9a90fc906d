using System.Net;
using Dialogue.Data.Accounts;
using Dialogue.Data.Glossary;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Glossary.Tbx;

public sealed class TbxImportTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task An_editor_previews_then_imports_the_dialects_example_with_a_revision_per_entry()
    {
        var editor = await factory.CreateMemberAsync();
        var glossary = await factory.CreateGlossaryAsync(editors: [editor]);
        var client = await factory.CreateSignedInBrowserAsync(editor);
        var example = await File.ReadAllBytesAsync(GlossaryFixtures.Standard("Example_Astronomy_DCA_VALID.tbx"));

        var (response, preview) = await client.PreviewImportAsync(glossary.Id, "Example_Astronomy_DCA_VALID.tbx", example);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = preview.QuerySelectorAll(".import-preview tbody tr").Length;
        Assert.True(entries >= 40, preview.DocumentElement.TextContent);
        Assert.Equal(entries, preview.QuerySelectorAll("tr.import-added").Length);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<Concept>().CountAsync(c => c.GlossaryId == glossary.Id)));

        var done = await client.CommitImportAsync(preview, glossary.Id);

        Assert.Contains($"Imported: {entries} entries added, 0 changed, 0 conflicts left out.", done.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(entries, await db.Set<Concept>().CountAsync(c => c.GlossaryId == glossary.Id));
            Assert.Equal(entries, await db.Set<ConceptRevision>().CountAsync(r => r.AuthorId == editor.Id && r.Number == 1));
            Assert.Equal(1, (await db.Glossaries.SingleAsync(g => g.Id == glossary.Id)).Version);
            Assert.True(await db.Set<Term>().AnyAsync(t => t.GlossaryId == glossary.Id && t.Text == "open cluster" && t.Status == TermStatus.Preferred));
        });

        // The same file again changes nothing: every entry is found by its terms and is already the same.
        var (_, again) = await client.PreviewImportAsync(glossary.Id, "again.tbx", example);
        Assert.Equal(entries, again.QuerySelectorAll("tr.import-unchanged").Length);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_glossary_gives_the_same_entries_in_TBX_and_in_CSV()
    {
        var editor = await factory.CreateMemberAsync();
        var source = await factory.CreateGlossaryAsync();
        await factory.AddEntriesAsync(source.Id, GlossaryFixtures.SampleEntries());
        var client = await factory.CreateSignedInBrowserAsync(editor);
        var expected = await factory.ContentOfAsync(source.Id);

        foreach (var format in new[] { "tbx", "csv" })
        {
            var file = await client.GetByteArrayAsync($"/Glossary/Export?glossaryId={source.Id}&handler=Download&format={format}");
            var target = await factory.CreateGlossaryAsync(editors: [editor]);
            var (_, preview) = await client.PreviewImportAsync(target.Id, "export." + format, file);
            await client.CommitImportAsync(preview, target.Id);

            Assert.Equal(expected, await factory.ContentOfAsync(target.Id));
        }
    }

    [Fact]
    public async Task A_changed_entry_gets_a_new_revision_and_a_conflict_is_left_out()
    {
        var editor = await factory.CreateMemberAsync();
        var glossary = await factory.CreateGlossaryAsync(editors: [editor]);
        var ids = await factory.AddEntriesAsync(glossary.Id, GlossaryFixtures.SampleEntries());
        var client = await factory.CreateSignedInBrowserAsync(editor);
        var tbx = "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"
            + "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
            + "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>reward hacking</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec></langSec></conceptEntry>\n"
            + "<conceptEntry id=\"b\"><langSec xml:lang=\"en\"><termSec><term>alignment</term></termSec><termSec><term>red teaming</term></termSec></langSec></conceptEntry>\n"
            + "<conceptEntry id=\"c\"><langSec xml:lang=\"en\"><termSec><term>specification gaming</term></termSec></langSec></conceptEntry>\n"
            + "</body></text></tbx>";

        var (_, preview) = await client.PreviewImportAsync(glossary.Id, "change.tbx", GlossaryFixtures.Utf8(tbx));

        Assert.Single(preview.QuerySelectorAll("tr.import-changed"));
        Assert.Single(preview.QuerySelectorAll("tr.import-conflict"));
        Assert.Single(preview.QuerySelectorAll("tr.import-added"));
        await client.CommitImportAsync(preview, glossary.Id);
        await factory.WithDbAsync(async db =>
        {
            var changed = await db.Set<Concept>().Include(c => c.Terms).SingleAsync(c => c.Id == ids[2]);
            Assert.Equal(2, changed.RevisionNumber);
            Assert.Equal(TermStatus.Preferred, Assert.Single(changed.Terms).Status);
            Assert.True(await db.Set<ConceptRevision>().AnyAsync(r => r.ConceptId == ids[2] && r.Number == 2));
            Assert.Equal(4, await db.Set<Concept>().CountAsync(c => c.GlossaryId == glossary.Id));
            Assert.Equal(3, await db.Set<Term>().CountAsync(t => t.ConceptId == ids[0] && t.LanguageTag == "en"));
        });
    }

    [Fact]
    public async Task A_refused_file_lists_each_problem_with_its_line_and_imports_nothing()
    {
        var editor = await factory.CreateMemberAsync();
        var glossary = await factory.CreateGlossaryAsync(editors: [editor]);
        var client = await factory.CreateSignedInBrowserAsync(editor);
        var tbx = "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"
            + "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
            + "<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>fine term</term></termSec></langSec></conceptEntry>\n"
            + "<conceptEntry id=\"b\"><langSec xml:lang=\"xx-nowhere\"><termSec><term>x</term></termSec></langSec></conceptEntry>\n"
            + "<conceptEntry id=\"c\"><ref type=\"crossReference\" target=\"zz\">zz</ref><langSec xml:lang=\"en\"><termSec><term>Fine  term</term></termSec></langSec></conceptEntry>\n"
            + "</body></text></tbx>";

        var (response, page) = await client.PreviewImportAsync(glossary.Id, "bad.tbx", GlossaryFixtures.Utf8(tbx));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = page.QuerySelectorAll(".import-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Line 4:", problems[0], StringComparison.Ordinal);
        Assert.Contains("xx-nowhere", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 5:", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5:", problems[2], StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Commit']"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Set<Concept>().CountAsync(c => c.GlossaryId == glossary.Id)));
    }

    [Fact]
    public async Task An_XXE_file_is_refused_on_the_import_page_and_an_oversized_one_before_it_is_read()
    {
        await using var small = new DialogueFactory();
        small.Settings["GlossaryExchange:MaxImportBytes"] = "4096";
        var editor = await small.CreateMemberAsync();
        var glossary = await small.CreateGlossaryAsync(editors: [editor]);
        var client = await small.CreateSignedInBrowserAsync(editor);

        var (_, xxe) = await client.PreviewImportAsync(glossary.Id, "xxe.tbx",
            GlossaryFixtures.Utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tbx>&x;</tbx>"));
        var (_, big) = await client.PreviewImportAsync(glossary.Id, "big.tbx", new byte[5000]);

        Assert.Contains("DTD", xxe.QuerySelector(".import-problems")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", xxe.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Contains("larger than 4096 bytes", big.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await small.WithDbAsync(db => db.Set<Concept>().CountAsync(c => c.GlossaryId == glossary.Id)));
    }

    [Fact]
    public async Task A_commit_after_the_glossary_changed_shows_a_new_preview_instead_of_saving()
    {
        var editor = await factory.CreateMemberAsync();
        var roleHolder = await factory.CreateMemberAsync(null, Roles.GlossaryEditor);
        var glossary = await factory.CreateGlossaryAsync(editors: [editor]);
        var client = await factory.CreateSignedInBrowserAsync(editor);
        var file = GlossaryFixtures.Utf8(GlossaryCsvLine("c1", "drift"));
        var (_, preview) = await client.PreviewImportAsync(glossary.Id, "one.csv", file);

        // Someone else (a holder of the site-wide editor role) imports in between.
        var other = await factory.CreateSignedInBrowserAsync(roleHolder);
        var (_, otherPreview) = await other.PreviewImportAsync(glossary.Id, "two.csv", GlossaryFixtures.Utf8(GlossaryCsvLine("c1", "mesa-optimiser")));
        await other.CommitImportAsync(otherPreview, glossary.Id);
        var page = await client.CommitImportAsync(preview, glossary.Id);

        Assert.Contains("changed since this preview", page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Equal(["mesa-optimiser"], await factory.WithDbAsync(db => db.Set<Term>().Where(t => t.GlossaryId == glossary.Id).Select(t => t.Text).ToListAsync()));
    }

    private static string GlossaryCsvLine(string id, string term) =>
        string.Join(',', Web.Features.Glossary.Tbx.GlossaryCsv.Columns) + $"\r\n{id},,,,en,,,{term},noun,preferred,,,\r\n";
}
