using System.Globalization;
using System.Text;
using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>
/// CSV (RFC 4180, UTF-8) with one row per term; the entry's and the language's fields repeat on each of its rows and
/// are read from the first. A language with a definition but no term yet has one row with an empty term.
/// The columns are documented in docs/operations.md.
/// </summary>
public static class GlossaryCsv
{
    public static readonly string[] Columns =
    [
        "concept_id", "subject_field", "concept_note", "related", "language", "definition", "definition_source",
        "term", "part_of_speech", "status", "term_source", "context", "term_note",
    ];

    public static string Write(IReadOnlyList<ConceptSnapshotWithId> entries)
    {
        var csv = new StringBuilder();
        Row(csv, Columns);
        var live = entries.Select(e => e.Id).ToHashSet();
        foreach (var (id, concept) in entries)
        {
            var related = string.Join(' ', concept.RelatedConceptIds.Where(live.Contains).Select(TbxWriter.IdOf));
            foreach (var language in concept.Languages)
            {
                string[] head = [TbxWriter.IdOf(id), concept.SubjectField, concept.Note, related, language.LanguageTag, language.Definition, language.DefinitionSource];
                if (language.Terms.Count == 0)
                {
                    Row(csv, [.. head, "", "", "", "", "", ""]);
                }
                foreach (var term in language.Terms)
                {
                    Row(csv, [.. head, term.Text, PartOfSpeechName(term.PartOfSpeech), term.Status.ToString().ToLowerInvariant(), term.Source, term.UsageContext, term.Note]);
                }
            }
        }
        return csv.ToString();
    }

    public static ExchangeFile Read(string text, ExchangeOptions limits)
    {
        var problems = new List<ExchangeProblem>();
        var rows = Parse(text, problems);
        if (problems.Count > 0)
        {
            return new ExchangeFile([], problems);
        }
        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim()).SequenceEqual(Columns))
        {
            return new ExchangeFile([], [new ExchangeProblem(1, "The first row must name the columns: {0}.", string.Join(",", Columns))]);
        }
        var entries = new List<ExchangeEntry>();
        var termsSeen = new Dictionary<(string, string), int>();
        foreach (var group in rows.Skip(1).Where(r => r.Fields.Any(f => f.Length > 0)).GroupBy(r => r.Fields.ElementAtOrDefault(0)?.Trim() ?? ""))
        {
            var first = group.First();
            if (entries.Count >= limits.MaxImportEntries)
            {
                problems.Add(new(first.Line, Message: "The file holds more than {0} entries, the most one import may add.", Arguments: [limits.MaxImportEntries]));
                break;
            }
            if (group.Key.Length == 0)
            {
                problems.Add(new(first.Line, Message: "This row has no concept_id."));
                continue;
            }
            var languages = new List<LanguageSnapshot>();
            foreach (var row in group)
            {
                if (row.Fields.Count != Columns.Length)
                {
                    problems.Add(new(row.Line, Message: "This row has {0} fields; every row needs {1}.", Arguments: [row.Fields.Count, Columns.Length]));
                    continue;
                }
                var f = row.Fields;
                if (LanguageTags.Canonical(f[4]) is not { } tag)
                {
                    problems.Add(new(row.Line, Message: "The language tag “{0}” is not a known BCP 47 language.", Arguments: [f[4]]));
                    continue;
                }
                var language = languages.FirstOrDefault(l => l.LanguageTag == tag);
                if (language is null)
                {
                    language = new LanguageSnapshot { LanguageTag = tag, Definition = f[5].Trim(), DefinitionSource = f[6].Trim() };
                    languages.Add(language);
                }
                var termText = f[7].Trim();
                if (termText.Length == 0)
                {
                    continue;
                }
                var key = (tag.ToLowerInvariant(), TermText.Normalize(termText));
                if (termsSeen.TryGetValue(key, out var seen))
                {
                    problems.Add(new(row.Line, Message: "The term “{0}” ({1}) appears twice: first on line {2}.", Arguments: [termText, tag, seen]));
                    continue;
                }
                termsSeen[key] = row.Line;
                if (PartOfSpeechOf(f[8]) is not { } partOfSpeech)
                {
                    problems.Add(new(row.Line, Message: "“{0}” is not a part of speech (noun, verb, adjective, adverb, proper-noun, other or empty).", Arguments: [f[8]]));
                    continue;
                }
                if (!Enum.TryParse<TermStatus>(f[9].Trim(), ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(f[9], out _))
                {
                    problems.Add(new(row.Line, Message: "“{0}” is not a status (preferred, admitted, deprecated, superseded or proposed).", Arguments: [f[9]]));
                    continue;
                }
                language.Terms.Add(new TermSnapshot
                {
                    Text = termText,
                    PartOfSpeech = partOfSpeech,
                    Status = status,
                    Source = f[10].Trim(),
                    UsageContext = f[11].Trim(),
                    Note = f[12].Trim(),
                });
            }
            entries.Add(new ExchangeEntry
            {
                FileId = group.Key,
                Line = first.Line,
                Related = [.. (first.Fields.ElementAtOrDefault(3) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => (t, first.Line))],
                Content = new ConceptSnapshot
                {
                    SubjectField = first.Fields.ElementAtOrDefault(1)?.Trim() ?? "",
                    Note = first.Fields.ElementAtOrDefault(2)?.Trim() ?? "",
                    Languages = [.. languages.OrderBy(l => l.LanguageTag, StringComparer.Ordinal)],
                },
            });
        }
        var ids = entries.Select(e => e.FileId).ToHashSet(StringComparer.Ordinal);
        foreach (var (target, line) in entries.SelectMany(e => e.Related).Where(r => !ids.Contains(r.Target)))
        {
            problems.Add(new(line, Message: "The cross-reference to “{0}” points to no entry of this file.", Arguments: [target]));
        }
        return new ExchangeFile(entries, [.. problems.OrderBy(p => p.Line)]);
    }

    private static string PartOfSpeechName(PartOfSpeech partOfSpeech) => partOfSpeech switch
    {
        PartOfSpeech.Unspecified => "",
        PartOfSpeech.ProperNoun => "proper-noun",
        _ => partOfSpeech.ToString().ToLowerInvariant(),
    };

    private static PartOfSpeech? PartOfSpeechOf(string value) => value.Trim().ToLowerInvariant() switch
    {
        "" => PartOfSpeech.Unspecified,
        "noun" => PartOfSpeech.Noun,
        "verb" => PartOfSpeech.Verb,
        "adjective" => PartOfSpeech.Adjective,
        "adverb" => PartOfSpeech.Adverb,
        "proper-noun" => PartOfSpeech.ProperNoun,
        "other" => PartOfSpeech.Other,
        _ => null,
    };

    private static void Row(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
    }

    /// <summary>Quoted when needed; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
        {
            field = "'" + field;
        }
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private sealed record CsvRow(int Line, List<string> Fields);

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; a row's line is where it starts.</summary>
    private static List<CsvRow> Parse(string text, List<ExchangeProblem> problems)
    {
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    quoteLine = line;
                    break;
                case ',':
                    fields.Add(Unformula(field.ToString()));
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(Unformula(field.ToString()));
                    field.Clear();
                    rows.Add(new CsvRow(rowLine, fields));
                    fields = [];
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            problems.Add(new(quoteLine, Message: "A quoted field opened here is never closed."));
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(Unformula(field.ToString()));
            rows.Add(new CsvRow(rowLine, fields));
        }
        return rows;
    }

    private static string Unformula(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' ? field[1..] : field;
}
