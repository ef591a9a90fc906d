using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;

namespace Dialogue.Tests.Features.Glossary.Tbx;

public sealed class TbxExportTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    [Fact]
    public async Task A_visitor_exports_a_public_glossary_as_TBX_that_jing_and_the_TBX_Basic_schematron_accept()
    {
        var glossary = await factory.CreateGlossaryAsync(SensitivityLabel.Clear, name: "AI safety / 安全");
        await factory.AddEntriesAsync(glossary.Id, GlossaryFixtures.SampleEntries());

        var response = await factory.CreateBrowser().GetAsync($"/Glossary/Export?glossaryId={glossary.Id}&handler=Download&format=tbx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-tbx+xml", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xml = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("<tbx type=\"TBX-Basic\" style=\"dca\"", xml, StringComparison.Ordinal);
        Assert.Contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>", xml, StringComparison.Ordinal);
        Assert.Contains("<term>AI control &amp; &lt;safety&gt;</term>", xml, StringComparison.Ordinal);
        Assert.Contains("<langSec xml:lang=\"zh-Hans\">", xml, StringComparison.Ordinal);
        Assert.Contains("<ref type=\"crossReference\" target=\"c", xml, StringComparison.Ordinal);
        Assert.Contains("<descrip type=\"context\">我们讨论了语言模型的对齐。</descrip>", xml, StringComparison.Ordinal);

        var file = GlossaryFixtures.TempFile(bytes, ".tbx");
        var jing = await GlossaryFixtures.JingAsync(file);
        Assert.True(jing.ExitCode == 0, "jing: " + jing.Output);
        var schematron = await GlossaryFixtures.SchematronAsync(file);
        Assert.True(schematron.ExitCode == 0, "schematron: " + schematron.Output);
        Assert.Contains("schematron: 0 finding(s)", schematron.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validators_reject_a_file_that_breaks_the_structure_or_the_dialect()
    {
        var glossary = await factory.CreateGlossaryAsync();
        await factory.AddEntriesAsync(glossary.Id, GlossaryFixtures.SampleEntries());
        var xml = await factory.CreateBrowser().GetStringAsync($"/Glossary/Export?glossaryId={glossary.Id}&handler=Download&format=tbx");

        // A langSec without any termSec breaks TBX-Core's structure; an unknown status breaks TBX-Basic's picklist.
        var structure = GlossaryFixtures.TempFile(GlossaryFixtures.Utf8(System.Text.RegularExpressions.Regex.Replace(
            xml, "<termSec>.*?</termSec>", "", System.Text.RegularExpressions.RegexOptions.Singleline)), ".tbx");
        var dialect = GlossaryFixtures.TempFile(GlossaryFixtures.Utf8(xml.Replace("preferredTerm-admn-sts", "bestTerm", StringComparison.Ordinal)), ".tbx");

        Assert.NotEqual(0, (await GlossaryFixtures.JingAsync(structure)).ExitCode);
        var schematron = await GlossaryFixtures.SchematronAsync(dialect);
        Assert.NotEqual(0, schematron.ExitCode);
        Assert.Contains("administrativeStatus", schematron.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_export_has_one_row_per_term_with_the_documented_columns()
    {
        var glossary = await factory.CreateGlossaryAsync();
        await factory.AddEntriesAsync(glossary.Id, GlossaryFixtures.SampleEntries());

        var response = await factory.CreateBrowser().GetAsync($"/Glossary/Export?glossaryId={glossary.Id}&handler=Download&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Web.Features.Glossary.Tbx.GlossaryCsv.Columns), lines[0]);
        Assert.Equal(1 + 9, lines.Length); // the header and nine terms (a note's line break stays inside its quoted field)
        Assert.Contains(lines, l => l.Contains(",zh-Hans,", StringComparison.Ordinal) && l.Contains(",红队测试,noun,preferred,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"AI control & <safety>\"", StringComparison.Ordinal) || l.Contains(",AI control & <safety>,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restricted_glossaries_are_not_exported_and_answer_404_like_a_missing_one()
    {
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber);
        var amber = await factory.CreateGlossaryAsync(SensitivityLabel.Amber, space.Id);
        var browser = factory.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Glossary/Export?glossaryId={amber.Id}&handler=Download&format=tbx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Glossary/Export?glossaryId={amber.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Glossary/Export?glossaryId=987654")).StatusCode);
    }
}
