using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Glossary.Tbx;

namespace Dialogue.Tests.Features.Glossary.Tbx;

/// <summary>What the TBX and CSV readers accept and refuse, with the line of each problem.</summary>
public sealed class TbxReaderTests
{
    private static readonly ExchangeOptions Limits = new();

    private static ExchangeFile ReadTbx(string xml, ExchangeOptions? limits = null) =>
        TbxReader.Read(new MemoryStream(GlossaryFixtures.Utf8(xml)), limits ?? Limits);

    private static string Tbx(string body) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n" +
        "<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>\n" +
        "<text><body>\n" + body + "\n</body></text></tbx>\n";

    private static string Entry(string id, string lang, string term, string extra = "") =>
        $"<conceptEntry id=\"{id}\">{extra}<langSec xml:lang=\"{lang}\"><termSec><term>{term}</term></termSec></langSec></conceptEntry>";

    [Fact]
    public void The_dialects_own_example_reads_without_a_problem()
    {
        using var file = File.OpenRead(GlossaryFixtures.Standard("Example_Astronomy_DCA_VALID.tbx"));

        var read = TbxReader.Read(file, Limits);

        Assert.Equal([], read.Problems);
        Assert.True(read.Entries.Count >= 40, $"{read.Entries.Count} entries");
        var first = read.Entries[0];
        Assert.Equal("c1", first.FileId);
        Assert.Equal("General", first.Content.SubjectField);
        var english = first.Content.Languages.Single(l => l.LanguageTag == "en");
        Assert.Equal("A group of stars formed together in the spiral arms of a galaxy.", english.Definition);
        Assert.Equal("Oxford2007", english.DefinitionSource);
        Assert.Equal(TermStatus.Preferred, english.Terms[0].Status);
        Assert.Equal(PartOfSpeech.Noun, english.Terms[0].PartOfSpeech);
        Assert.Equal(TermStatus.Superseded, english.Terms[1].Status);
        Assert.StartsWith("Another name for an open star cluster.", english.Terms[1].Note, StringComparison.Ordinal);
        Assert.Equal(TermStatus.Proposed, first.Content.Languages.Single(l => l.LanguageTag == "es").Terms[0].Status);
    }

    [Fact]
    public void Malformed_XML_is_refused_with_its_line()
    {
        var read = ReadTbx(Tbx(Entry("c1", "en", "alignment") + "\n<conceptEntry id=\"c2\">\n<langSec>"));

        var problem = Assert.Single(read.Problems);
        Assert.Contains("not well-formed", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 6, $"line {problem.Line}");
        Assert.Empty(read.Entries);
    }

    [Fact]
    public void A_DTD_with_an_external_entity_is_refused_and_the_entity_is_never_read()
    {
        var secret = GlossaryFixtures.TempFile(GlossaryFixtures.Utf8("top-secret-xxe-content"), ".txt");
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [ <!ENTITY xxe SYSTEM \"file://" + secret + "\"> ]>\n" +
            Tbx(Entry("c1", "en", "&xxe;"))[(Tbx("").IndexOf('\n', StringComparison.Ordinal) + 1)..];

        var read = ReadTbx(xml);

        var problem = Assert.Single(read.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("DTD", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Entries.SelectMany(e => e.Content.Languages).SelectMany(l => l.Terms), t => t.Text.Contains("top-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void An_internal_entity_expansion_is_refused_too()
    {
        var read = ReadTbx("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<tbx/>");

        Assert.Contains("DTD", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_file_is_refused()
    {
        var read = ReadTbx(Tbx(string.Concat(Enumerable.Range(1, 200).Select(i => Entry($"c{i}", "en", $"term {i}")))), new ExchangeOptions { MaxImportBytes = 2_000 });

        Assert.NotEmpty(read.Problems);
        Assert.Empty(read.Entries);
    }

    [Fact]
    public void Unknown_language_tags_duplicate_terms_and_broken_cross_references_are_each_reported_with_their_line()
    {
        var body = string.Join('\n',
            Entry("c1", "en", "alignment", "<ref type=\"crossReference\" target=\"c9\">c9</ref>"),
            Entry("c2", "klingonese", "qapla"),
            Entry("c3", "en", "Alignment"),
            Entry("c4", "zh-hans", "对齐"));

        var read = ReadTbx(Tbx(body));

        Assert.Collection(read.Problems,
            p => { Assert.Equal(5, p.Line); Assert.Contains("points to no entry", p.Message, StringComparison.Ordinal); Assert.Equal("c9", p.Arguments[0]); },
            p => { Assert.Equal(6, p.Line); Assert.Contains("not a known BCP 47 language", p.Message, StringComparison.Ordinal); },
            p => { Assert.Equal(7, p.Line); Assert.Contains("appears twice", p.Message, StringComparison.Ordinal); Assert.Equal(5, p.Arguments[2]); });
        Assert.Equal("zh-Hans", read.Entries.Single(e => e.FileId == "c4").Content.Languages[0].LanguageTag);
    }

    [Fact]
    public void A_file_that_is_not_TBX_or_has_no_entries_is_refused()
    {
        Assert.Contains("not a TBX file", Assert.Single(ReadTbx("<html><body/></html>").Problems).Message, StringComparison.Ordinal);
        Assert.Contains("no concept entries", Assert.Single(ReadTbx(Tbx("")).Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CSV_round_trips_and_its_problems_carry_their_line()
    {
        var entries = GlossaryFixtures.SampleEntries().Select((e, i) => new ConceptSnapshotWithId(i + 1, e.Item1 with { RelatedConceptIds = [.. e.Item2.Select(r => (long)r + 1)] })).ToList();

        var read = GlossaryCsv.Read(GlossaryCsv.Write(entries), Limits);

        Assert.Equal([], read.Problems);
        Assert.Equal(entries.Select(e => (e.Snapshot with { RelatedConceptIds = [] }).ToJson()), read.Entries.Select(e => e.Content.ToJson()));
        Assert.Equal(["c2"], read.Entries[0].Related.Select(r => r.Target));

        var header = string.Join(',', GlossaryCsv.Columns);
        var bad = GlossaryCsv.Read(header + "\r\nc1,,,c7,en,,,alignment,noun,preferred,,,\r\nc2,,,,xx-nope,,,x,,preferred,,,\r\nc3,,,,en,,,ALIGNMENT,noun,best,,,\r\nc4,,,,en,,,\"open", Limits);
        Assert.Collection(bad.Problems, p => Assert.Equal(5, p.Line));
        bad = GlossaryCsv.Read(header + "\r\nc1,,,c7,en,,,alignment,noun,preferred,,,\r\nc2,,,,xx-nope,,,x,,preferred,,,\r\nc3,,,,en,,,ALIGNMENT,noun,preferred,,,\r\nc4,,,,en,,,drift,noun,best,,,", Limits);
        Assert.Equal([2, 3, 4, 5], bad.Problems.Select(p => p.Line));
    }
}
