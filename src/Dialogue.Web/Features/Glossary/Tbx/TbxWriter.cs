using System.Globalization;
using System.Text;
using System.Xml;
using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>
/// Writes concept entries as TBX-Basic in the DCA style (ISO 30042:2019), the shape of the dialect's own example:
/// subject field, note and cross-references on the concept; a langSec per language with its definition and source;
/// a termSec per term with partOfSpeech, administrativeStatus, source, context and note.
/// </summary>
public static class TbxWriter
{
    /// <summary>The whole file in memory: an export is bounded by the glossary's size, and the response is then written in one go.</summary>
    public static byte[] Write(string title, string sourceDescription, IReadOnlyList<ConceptSnapshotWithId> entries)
    {
        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(output, settings))
        {
            Write(xml, title, sourceDescription, entries);
        }
        return output.ToArray();
    }

    private static void Write(XmlWriter xml, string title, string sourceDescription, IReadOnlyList<ConceptSnapshotWithId> entries)
    {
        var ns = TbxFormat.Namespace;
        xml.WriteStartDocument();
        xml.WriteStartElement(null, "tbx", ns);
        xml.WriteAttributeString("type", "TBX-Basic");
        xml.WriteAttributeString("style", "dca");
        xml.WriteAttributeString("xml", "lang", null, "en");

        xml.WriteStartElement("tbxHeader", ns);
        xml.WriteStartElement("fileDesc", ns);
        xml.WriteStartElement("titleStmt", ns);
        xml.WriteElementString("title", ns, title);
        xml.WriteEndElement();
        xml.WriteStartElement("sourceDesc", ns);
        xml.WriteElementString("p", ns, sourceDescription);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("text", ns);
        xml.WriteStartElement("body", ns);
        var exported = entries.Where(e => e.Snapshot.Languages.Any(l => l.Terms.Count > 0)).Select(e => e.Id).ToHashSet();
        foreach (var entry in entries.Where(e => exported.Contains(e.Id)))
        {
            WriteEntry(xml, entry, exported);
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    public static string IdOf(long conceptId) => TbxFormat.ConceptIdPrefix + conceptId.ToString(CultureInfo.InvariantCulture);

    private static void WriteEntry(XmlWriter xml, ConceptSnapshotWithId entry, HashSet<long> exported)
    {
        var ns = TbxFormat.Namespace;
        var concept = entry.Snapshot;
        xml.WriteStartElement("conceptEntry", ns);
        xml.WriteAttributeString("id", IdOf(entry.Id));
        if (concept.SubjectField.Length > 0)
        {
            Typed(xml, "descrip", "subjectField", concept.SubjectField);
        }
        Notes(xml, concept.Note);
        // A cross-reference must point inside the file (TBX-Basic's schematron): entries left out are not referred to.
        foreach (var related in concept.RelatedConceptIds.Where(exported.Contains))
        {
            xml.WriteStartElement("ref", ns);
            xml.WriteAttributeString("type", "crossReference");
            xml.WriteAttributeString("target", IdOf(related));
            xml.WriteString(IdOf(related));
            xml.WriteEndElement();
        }
        // TBX requires at least one term per langSec: a definition in a language with no term yet stays out.
        foreach (var language in concept.Languages.Where(l => l.Terms.Count > 0))
        {
            xml.WriteStartElement("langSec", ns);
            xml.WriteAttributeString("xml", "lang", null, language.LanguageTag);
            if (language.Definition.Length > 0)
            {
                xml.WriteStartElement("descripGrp", ns);
                Typed(xml, "descrip", "definition", language.Definition);
                if (language.DefinitionSource.Length > 0)
                {
                    Typed(xml, "admin", "source", language.DefinitionSource);
                }
                xml.WriteEndElement();
            }
            foreach (var term in language.Terms)
            {
                xml.WriteStartElement("termSec", ns);
                xml.WriteElementString("term", ns, term.Text);
                if (TbxFormat.PartOfSpeechValue(term.PartOfSpeech) is { } partOfSpeech)
                {
                    Typed(xml, "termNote", "partOfSpeech", partOfSpeech);
                }
                if (TbxFormat.AdministrativeStatus(term.Status) is { } status)
                {
                    Typed(xml, "termNote", "administrativeStatus", status);
                }
                if (term.Source.Length > 0)
                {
                    Typed(xml, "admin", "source", term.Source);
                }
                if (term.UsageContext.Length > 0)
                {
                    Typed(xml, "descrip", "context", term.UsageContext);
                }
                Notes(xml, term.Note);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>One note element per line: TBX note text is read with its white space collapsed.</summary>
    private static void Notes(XmlWriter xml, string note)
    {
        foreach (var line in note.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            xml.WriteElementString("note", TbxFormat.Namespace, line);
        }
    }

    private static void Typed(XmlWriter xml, string element, string type, string value)
    {
        xml.WriteStartElement(element, TbxFormat.Namespace);
        xml.WriteAttributeString("type", type);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}

/// <summary>A stored entry's content with its id, as exports write it.</summary>
public sealed record ConceptSnapshotWithId(long Id, ConceptSnapshot Snapshot);
