using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>
/// Reads a TBX file (TBX-Basic, DCA style; TBX-Core elements of other dialects are read as far as they carry the same
/// data categories). Hostile input is expected: no DTD, no entity, no external resource is ever processed, the size
/// is capped before parsing, and every problem is reported with its line so nothing is imported half-way.
/// </summary>
public static partial class TbxReader
{
    private static readonly XNamespace Tbx = TbxFormat.Namespace;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    public static ExchangeFile Read(Stream input, ExchangeOptions limits)
    {
        var settings = new XmlReaderSettings
        {
            // No XXE, no billion laughs: a DOCTYPE is an error, and nothing is resolved from outside.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxImportBytes,
            CloseInput = false,
        };
        if (input.CanSeek && input.Length > limits.MaxImportBytes)
        {
            return Refused(0, "The file is larger than {0} bytes, the most one import may be.", limits.MaxImportBytes);
        }
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(input, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return Refused(e.LineNumber > 0 ? e.LineNumber : DoctypeLine(input), "The file declares a DTD or entities, which are refused for safety (no DOCTYPE is allowed).");
        }
        catch (XmlException e)
        {
            return Refused(e.LineNumber, "The file is not well-formed XML: {0}", e.Message);
        }
        var root = document.Root!;
        if (root.Name != Tbx + "tbx")
        {
            return Refused(LineOf(root), "This is not a TBX file: its root element must be <tbx> in the namespace {0}.", TbxFormat.Namespace);
        }
        var problems = new List<ExchangeProblem>();
        var entries = new List<ExchangeEntry>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var termsSeen = new Dictionary<(string Language, string Term), int>();
        foreach (var element in root.Descendants(Tbx + "conceptEntry"))
        {
            if (entries.Count >= limits.MaxImportEntries)
            {
                problems.Add(new(LineOf(element), Message: "The file holds more than {0} entries, the most one import may add.", Arguments: [limits.MaxImportEntries]));
                break;
            }
            var id = ((string?)element.Attribute("id") ?? "").Trim();
            if (id.Length == 0)
            {
                problems.Add(new(LineOf(element), Message: "This conceptEntry has no id."));
            }
            else if (!ids.TryAdd(id, LineOf(element)))
            {
                problems.Add(new(LineOf(element), Message: "The id “{0}” is used by an earlier entry, on line {1}.", Arguments: [id, ids[id]]));
            }
            entries.Add(ReadEntry(element, id, problems, termsSeen));
        }
        if (entries.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(LineOf(root), Message: "The file holds no concept entries."));
        }
        foreach (var entry in entries)
        {
            foreach (var (target, line) in entry.Related.Where(r => !ids.ContainsKey(r.Target)))
            {
                problems.Add(new(line, Message: "The cross-reference to “{0}” points to no entry of this file.", Arguments: [target]));
            }
        }
        return new ExchangeFile(entries, [.. problems.OrderBy(p => p.Line)]);
    }

    private static ExchangeEntry ReadEntry(XElement element, string id, List<ExchangeProblem> problems, Dictionary<(string, string), int> termsSeen)
    {
        var related = element.Elements().SelectMany(Grouped)
            .Where(e => e.Name == Tbx + "ref" && (string?)e.Attribute("type") == "crossReference")
            .Select(e => (Target: ((string?)e.Attribute("target") ?? "").Trim(), Line: LineOf(e)))
            .Where(r => !r.Target.StartsWith("http://", StringComparison.Ordinal) && !r.Target.StartsWith("https://", StringComparison.Ordinal))
            .ToList();
        var languages = new List<LanguageSnapshot>();
        foreach (var langSec in element.Elements(Tbx + "langSec"))
        {
            var written = (string?)langSec.Attribute(XNamespace.Xml + "lang") ?? "";
            if (LanguageTags.Canonical(written) is not { } tag)
            {
                problems.Add(new(LineOf(langSec), Message: "The language tag “{0}” is not a known BCP 47 language.", Arguments: [written]));
                continue;
            }
            var definition = langSec.Elements().SelectMany(Grouped).FirstOrDefault(e => Is(e, "descrip", "definition"));
            var terms = new List<TermSnapshot>();
            foreach (var termSec in langSec.Elements(Tbx + "termSec"))
            {
                var term = ReadTerm(termSec, problems);
                if (term is null)
                {
                    continue;
                }
                var key = (tag.ToLowerInvariant(), TermText.Normalize(term.Text));
                if (termsSeen.TryGetValue(key, out var first))
                {
                    problems.Add(new(LineOf(termSec), Message: "The term “{0}” ({1}) appears twice: first on line {2}.", Arguments: [term.Text, tag, first]));
                    continue;
                }
                termsSeen[key] = LineOf(termSec);
                terms.Add(term);
            }
            if (languages.FirstOrDefault(l => l.LanguageTag == tag) is { } same)
            {
                same.Terms.AddRange(terms);
                continue;
            }
            languages.Add(new LanguageSnapshot
            {
                LanguageTag = tag,
                Definition = Limited(definition, 4000, problems),
                DefinitionSource = Limited(definition is null ? null : SourceBeside(definition), 500, problems),
                Terms = terms,
            });
        }
        var subjectField = element.Elements().SelectMany(Grouped).FirstOrDefault(e => Is(e, "descrip", "subjectField"));
        return new ExchangeEntry
        {
            FileId = id,
            Line = LineOf(element),
            Related = related,
            Content = new ConceptSnapshot
            {
                SubjectField = Limited(subjectField, 200, problems),
                Note = Limited(Notes(element), 4000, problems, LineOf(element)),
                Languages = [.. languages.OrderBy(l => l.LanguageTag, StringComparer.Ordinal)],
            },
        };
    }

    private static TermSnapshot? ReadTerm(XElement termSec, List<ExchangeProblem> problems)
    {
        var termElement = termSec.Element(Tbx + "term");
        var text = termElement is null ? "" : Clean(termElement.Value);
        if (text.Length == 0)
        {
            problems.Add(new(LineOf(termSec), Message: "This termSec has no term."));
            return null;
        }
        if (text.Length > 300)
        {
            problems.Add(new(LineOf(termSec), Message: "The term is longer than {0} characters.", Arguments: [300]));
            return null;
        }
        var status = TermStatus.Proposed;
        var partOfSpeech = PartOfSpeech.Unspecified;
        foreach (var note in termSec.Elements().SelectMany(Grouped).Where(e => e.Name == Tbx + "termNote"))
        {
            var value = Clean(note.Value);
            switch ((string?)note.Attribute("type"))
            {
                case "administrativeStatus" when TbxFormat.StatusOf(value) is { } known:
                    status = known;
                    break;
                case "administrativeStatus":
                    problems.Add(new(LineOf(note), Message: "“{0}” is not a TBX-Basic administrative status.", Arguments: [value]));
                    break;
                case "partOfSpeech" when TbxFormat.PartOfSpeechOf(value) is { } known:
                    partOfSpeech = known;
                    break;
                case "partOfSpeech":
                    problems.Add(new(LineOf(note), Message: "“{0}” is not a TBX-Basic part of speech.", Arguments: [value]));
                    break;
            }
        }
        var aux = termSec.Elements().SelectMany(Grouped).ToList();
        var context = aux.FirstOrDefault(e => Is(e, "descrip", "context"));
        // A source of the term itself, else the source given for its context sentence (as the dialect's example does).
        var source = termSec.Elements().FirstOrDefault(e => Is(e, "admin", "source")) ?? (context is null ? null : SourceBeside(context));
        return new TermSnapshot
        {
            Text = text,
            Status = status,
            PartOfSpeech = partOfSpeech,
            Source = Limited(source, 500, problems),
            UsageContext = Limited(context, 1000, problems),
            Note = Limited(Notes(termSec), 2000, problems, LineOf(termSec)),
        };
    }

    /// <summary>The element itself, or the members of a *Grp element (descripGrp, termNoteGrp, adminGrp).</summary>
    private static IEnumerable<XElement> Grouped(XElement element) =>
        element.Name.LocalName.EndsWith("Grp", StringComparison.Ordinal) && element.Name.LocalName != "transacGrp"
            ? element.Elements()
            : [element];

    private static XElement? SourceBeside(XElement element) =>
        element.Parent is { } parent && parent.Name.LocalName.EndsWith("Grp", StringComparison.Ordinal)
            ? parent.Elements().FirstOrDefault(e => Is(e, "admin", "source"))
            : null;

    private static bool Is(XElement element, string name, string type) =>
        element.Name == Tbx + name && (string?)element.Attribute("type") == type;

    /// <summary>Several notes become lines of one note (the writer writes one note element per line).</summary>
    private static string Notes(XElement owner) =>
        string.Join('\n', owner.Elements(Tbx + "note").Select(n => Clean(n.Value)).Where(n => n.Length > 0));

    private static string Limited(XElement? element, int max, List<ExchangeProblem> problems) =>
        element is null ? "" : Limited(Clean(element.Value), max, problems, LineOf(element));

    private static string Limited(string text, int max, List<ExchangeProblem> problems, int line)
    {
        if (text.Length > max)
        {
            problems.Add(new(line, Message: "This text is longer than {0} characters.", Arguments: [max]));
        }
        return text;
    }

    /// <summary>Line-wrapped element text (as editors and tools indent it) read as the sentence it is.</summary>
    private static string Clean(string text) => WhiteSpace().Replace(text, " ").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The reader reports no position for a prohibited DTD: the line of the DOCTYPE, found as text.</summary>
    private static int DoctypeLine(Stream input)
    {
        if (!input.CanSeek)
        {
            return 0;
        }
        input.Position = 0;
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            if (text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                return line;
            }
            line++;
        }
        return 0;
    }

    private static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static ExchangeFile Refused(int line, string message, params object[] arguments) =>
        new([], [new ExchangeProblem(line, message, arguments)]);
}
