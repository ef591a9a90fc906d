using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Glossary.Tbx;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Glossary.Tbx;

/// <summary>Glossaries written straight through the model, the exchange's file round trips, and the external validators.</summary>
public static class GlossaryFixtures
{
    public static Task<Dialogue.Data.Glossary.Glossary> CreateGlossaryAsync(this DialogueFactory factory, SensitivityLabel label = SensitivityLabel.Clear,
        long? spaceId = null, IEnumerable<DialogueUser>? editors = null, string? name = null) => factory.WithDbAsync(async db =>
    {
        var glossary = new Dialogue.Data.Glossary.Glossary
        {
            Name = name ?? "Glossary " + Guid.NewGuid().ToString("N")[..8],
            Label = label,
            SpaceId = spaceId,
            CreatedAt = factory.Clock.GetUtcNow(),
            Editors = [.. (editors ?? []).Select(e => new GlossaryEditor { UserId = e.Id, AppointedAt = factory.Clock.GetUtcNow() })],
        };
        db.Glossaries.Add(glossary);
        await db.SaveChangesAsync();
        return glossary;
    });

    /// <summary>Adds entries (related by index into <paramref name="entries"/>) with a first revision each.</summary>
    public static Task<List<long>> AddEntriesAsync(this DialogueFactory factory, long glossaryId, params (ConceptSnapshot Content, int[] Related)[] entries) =>
        factory.WithDbAsync(async db =>
        {
            var concepts = entries.Select(e =>
            {
                var concept = new Concept { GlossaryId = glossaryId, CreatedAt = factory.Clock.GetUtcNow(), UpdatedAt = factory.Clock.GetUtcNow(), RevisionNumber = 1 };
                (e.Content with { RelatedConceptIds = [] }).ApplyTo(concept);
                return concept;
            }).ToList();
            db.AddRange(concepts);
            await db.SaveChangesAsync();
            for (var i = 0; i < entries.Length; i++)
            {
                foreach (var r in entries[i].Related)
                {
                    concepts[i].Relations.Add(new ConceptRelation { ConceptId = concepts[i].Id, RelatedConceptId = concepts[r].Id });
                }
                db.Add(new ConceptRevision { ConceptId = concepts[i].Id, Number = 1, CreatedAt = factory.Clock.GetUtcNow(), SnapshotJson = "{}" });
            }
            await db.SaveChangesAsync();
            return concepts.Select(c => c.Id).ToList();
        });

    /// <summary>A small AI-safety glossary with three languages, every status, notes over two lines and a cross-reference.</summary>
    public static (ConceptSnapshot, int[])[] SampleEntries() =>
    [
        (new ConceptSnapshot
        {
            SubjectField = "alignment",
            Note = "Central to the field.\nSee also red teaming.",
            Languages =
            [
                Language("en", "Making an AI system pursue the goals its designers intend.", "Dialogue glossary",
                    Term("alignment", TermStatus.Preferred, PartOfSpeech.Noun, "We discussed alignment of language models."),
                    Term("value alignment", TermStatus.Admitted, PartOfSpeech.Noun),
                    Term("AI control & <safety>", TermStatus.Deprecated, PartOfSpeech.Noun, note: "Too broad; means something else.")),
                Language("fr", "", "", Term("alignement", TermStatus.Superseded, PartOfSpeech.Noun)),
                Language("zh-Hans", "使人工智能系统追求其设计者意图的目标。", "对话术语表",
                    Term("对齐", TermStatus.Preferred, PartOfSpeech.Noun, "我们讨论了语言模型的对齐。"),
                    Term("价值对齐", TermStatus.Proposed, PartOfSpeech.Noun)),
            ],
        }, [1]),
        (new ConceptSnapshot
        {
            SubjectField = "evaluation",
            Languages =
            [
                Language("en", "Adversarial testing of a system to find failures.", "",
                    Term("red teaming", TermStatus.Preferred, PartOfSpeech.Verb, source: "NIST AI 100-1")),
                Language("zh-Hans", "对系统进行对抗性测试以发现故障。", "", Term("红队测试", TermStatus.Preferred, PartOfSpeech.Noun)),
            ],
        }, [0]),
        (new ConceptSnapshot
        {
            Languages = [Language("en", "", "", Term("reward hacking", TermStatus.Admitted, PartOfSpeech.Unspecified))],
        }, []),
    ];

    public static LanguageSnapshot Language(string tag, string definition, string source, params TermSnapshot[] terms) =>
        new() { LanguageTag = tag, Definition = definition, DefinitionSource = source, Terms = [.. terms] };

    public static TermSnapshot Term(string text, TermStatus status, PartOfSpeech partOfSpeech, string context = "", string source = "", string note = "") =>
        new() { Text = text, Status = status, PartOfSpeech = partOfSpeech, UsageContext = context, Source = source, Note = note };

    /// <summary>A glossary's entries compared by content, with cross-references named by the related entry's first term.</summary>
    public static Task<List<string>> ContentOfAsync(this DialogueFactory factory, long glossaryId) => factory.WithScopeAsync(async sp =>
    {
        var entries = await sp.GetRequiredService<GlossaryExchange>().EntriesAsync(glossaryId, CancellationToken.None);
        var names = entries.ToDictionary(e => e.Id, e => GlossaryExchange.TitleOf(e.Snapshot));
        return entries
            .Select(e => (e.Snapshot with { RelatedConceptIds = [] }).ToJson() + " related: " + string.Join(",", e.Snapshot.RelatedConceptIds.Select(id => names[id]).Order()))
            .Order(StringComparer.Ordinal)
            .ToList();
    });

    /// <summary>Uploads a file on the import page and returns the preview (or refusal) page.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PreviewImportAsync(this HttpClient client, long glossaryId, string fileName, byte[] content)
    {
        var url = $"/Glossary/Import?glossaryId={glossaryId}";
        var page = await client.GetPageAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        var action = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!.GetAttribute("action")!;
        var response = await client.PostAsync(action, form);
        return (response, await response.ReadPageAsync());
    }

    public static async Task<IHtmlDocument> CommitImportAsync(this HttpClient client, IHtmlDocument preview, long glossaryId)
    {
        var form = preview.QuerySelector<IHtmlFormElement>("form[action*='handler=Commit']");
        Assert.True(form is not null, preview.DocumentElement.TextContent);
        Assert.Equal("multipart/form-data", form!.GetAttribute("enctype"));
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadPageAsync();
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dialogue.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "Dialogue.sln not found above " + AppContext.BaseDirectory);
        return directory!.FullName;
    }

    public static string Standard(string file) => Path.Combine(RepositoryRoot(), "tests", "Dialogue.Tests", "Features", "Glossary", "Tbx", "Standards", file);

    /// <summary>Runs a validator; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>jing (Debian) against TBX-Core's RELAX NG structure schema.</summary>
    public static Task<(int ExitCode, string Output)> JingAsync(string file) =>
        RunAsync("jing", Standard("TBXcoreStructV03.rng"), file);

    /// <summary>node-schematron (tests/tools) against the TBX-Basic DCA schematron.</summary>
    public static Task<(int ExitCode, string Output)> SchematronAsync(string file) =>
        RunAsync("node", Path.Combine(RepositoryRoot(), "tests", "tools", "schematron-validate.js"), Standard("TBX-Basic_DCA.sch"), file);

    public static string TempFile(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "dialogue-tbx-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
