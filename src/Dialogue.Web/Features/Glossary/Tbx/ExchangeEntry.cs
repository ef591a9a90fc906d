using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>
/// One concept entry as a file carries it: its id inside the file (TBX conceptEntry/@id, the CSV concept_id column),
/// its content, and cross-references by file id. The same shape comes out of the TBX and the CSV reader.
/// </summary>
public sealed record ExchangeEntry
{
    public string FileId { get; init; } = "";
    public int Line { get; init; }
    public ConceptSnapshot Content { get; init; } = new();
    public List<(string Target, int Line)> Related { get; init; } = [];
}

/// <summary>A reason a file is refused, with the line it was found on (0 when it concerns the whole file).</summary>
public sealed record ExchangeProblem(int Line, string Message, params object[] Arguments);

public sealed record ExchangeFile(IReadOnlyList<ExchangeEntry> Entries, IReadOnlyList<ExchangeProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
