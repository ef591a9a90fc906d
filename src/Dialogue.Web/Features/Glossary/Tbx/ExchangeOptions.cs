using System.ComponentModel.DataAnnotations;

namespace Dialogue.Web.Features.Glossary.Tbx;

/// <summary>Limits of glossary import (section "GlossaryExchange").</summary>
public sealed class ExchangeOptions
{
    public const string Section = "GlossaryExchange";

    /// <summary>
    /// The largest TBX or CSV file an editor may import, in bytes; a larger one is refused before it is parsed. At most
    /// 3 MB: the previewed file returns base64-encoded in one multipart field, and the framework caps a field at 4 MB.
    /// </summary>
    [Range(1_024, 3_000_000)]
    public int MaxImportBytes { get; set; } = 2_000_000;

    /// <summary>The most concept entries one import may hold.</summary>
    [Range(1, 100_000)]
    public int MaxImportEntries { get; set; } = 5_000;
}
