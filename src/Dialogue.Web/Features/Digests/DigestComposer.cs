using Dialogue.Data;
using Dialogue.Data.Digests;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Email;

namespace Dialogue.Web.Features.Digests;

/// <summary>Gathers every registered section for a recipient and window, and redacts each item for email.</summary>
public sealed class DigestComposer(IEnumerable<IDigestSection> sections, IAuthorDisplay authors, ThreadSections.ReadingGroups groups, DialogueDbContext db)
{
    private DigestEmailSettings? site;

    /// <summary>Shared sections already built in this scope, by the stand-in they were built as.</summary>
    private readonly Dictionary<(DigestRecipient StandIn, IDigestSection Section), DigestSectionContent?> shared = [];

    /// <summary>
    /// How each recipient of a batch is composed: the shared sections as a stand-in for everyone who reads alike
    /// (<see cref="ThreadSections.ReadingGroups"/>), and the batched sections skipped for whoever has nothing in them.
    /// </summary>
    public async Task<IReadOnlyList<BatchReading>> PlanAsync(IReadOnlyList<DigestWindow> windows, CancellationToken ct)
    {
        var standIns = await groups.StandInsAsync(windows, ct);
        var candidates = new List<(IDigestSection Section, IReadOnlySet<string> Ids)>();
        foreach (var section in sections.OfType<IBatchedDigestSection>())
        {
            candidates.Add((section, await section.CandidatesAsync(windows, ct)));
        }
        return [.. windows.Select((w, i) => new BatchReading(standIns[i],
            candidates.Where(c => !c.Ids.Contains(w.Recipient.Id)).Select(c => c.Section).ToHashSet()))];
    }

    /// <param name="batch">
    /// How the recipient's batch composes them (<see cref="PlanAsync"/>): the shared sections are built once per stand-in
    /// and reused, the sections with nothing for them skipped; every other section is built as the recipient.
    /// </param>
    public async Task<DigestView> ComposeAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct,
        BatchReading? batch = null)
    {
        using var language = CultureScope.Use(recipient.Culture);
        var composed = await ComposeSectionsAsync(recipient, since, until, ct, batch);
        return new DigestView
        {
            Recipient = recipient,
            Since = since,
            Until = until,
            Sections = [.. composed.Sections.Select(s => new DigestViewSection(s.Section.Title, s.Entries))],
            RedActivity = composed.RedActivity,
            Threads = composed.Threads,
            Subjects = composed.Subjects,
        };
    }

    /// <summary>
    /// The shape of a recipient's digest without its content: each section's name in the caller's language and how
    /// many entries of each label it holds. What an admin's preview shows (docs/privacy.md).
    /// </summary>
    public async Task<DigestStructure> StructureAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        Composed composed;
        using (CultureScope.Use(recipient.Culture))
        {
            composed = await ComposeSectionsAsync(recipient, since, until, ct);
        }
        return new DigestStructure(
            [.. composed.Sections.Select(s => new DigestStructureSection(s.Section.Title,
                [.. s.Entries.GroupBy(e => e.Label).OrderBy(g => g.Key).Select(g => new LabelCount(g.Key, g.Count()))]))],
            composed.RedActivity,
            composed.HighestLabel);
    }

    private sealed record Composed(List<(IDigestSection Section, List<EmailEntry> Entries)> Sections, bool RedActivity, IReadOnlyList<CarriedThread> Threads,
        IReadOnlyList<CarriedSubject> Subjects)
    {
        public SensitivityLabel HighestLabel => Sections.SelectMany(s => s.Entries).Select(e => e.Label)
            .Append(RedActivity ? SensitivityLabel.Red : SensitivityLabel.Clear).Max();
    }

    private async Task<Composed> ComposeSectionsAsync(DigestRecipient recipient, DateTimeOffset since, DateTimeOffset until, CancellationToken ct,
        BatchReading? batch = null)
    {
        // Read once per scope: a batch job composes a hundred digests in one, and the site's rule does not change between them.
        var site = this.site ??= await EmailRule.SiteAsync(db, ct);
        var built = new List<(IDigestSection, List<EmailEntry>)>();
        var threads = new Dictionary<long, SensitivityLabel>();
        var subjects = new HashSet<CarriedSubject>();
        var redActivity = false;
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            if (batch is not null && batch.NothingFor.Contains(section))
            {
                continue;
            }
            var content = section is ISharedDigestSection && batch?.StandIn is { } standIn
                ? await SharedAsync(section, standIn, since, until, ct)
                : await section.BuildAsync(recipient, since, until, ct);
            if (content is null)
            {
                continue;
            }
            var entries = new List<EmailEntry>();
            foreach (var item in content.Items)
            {
                if (EmailRedaction.ForEmail(item, recipient, site, authors) is not { } entry)
                {
                    continue;
                }
                if (item.ThreadId is { } threadId)
                {
                    threads[threadId] = item.Label;
                }
                if (item.Subject is { } subject)
                {
                    subjects.Add(subject);
                }
                if (entry is { Label: SensitivityLabel.Red, IsNotice: true })
                {
                    // However many RED items there are, the email says so once, without naming any.
                    redActivity = true;
                    continue;
                }
                entries.Add(entry);
            }
            if (entries.Count > 0)
            {
                built.Add((section, entries));
            }
        }
        return new Composed(built, redActivity, [.. threads.Select(t => new CarriedThread(t.Key, t.Value))], [.. subjects]);
    }

    private async Task<DigestSectionContent?> SharedAsync(IDigestSection section, DigestRecipient standIn, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        if (!shared.TryGetValue((standIn, section), out var content))
        {
            content = await section.BuildAsync(standIn, since, until, ct);
            shared[(standIn, section)] = content;
        }
        return content;
    }
}

public sealed record DigestStructure(IReadOnlyList<DigestStructureSection> Sections, bool RedActivity, SensitivityLabel HighestLabel)
{
    public bool IsEmpty => Sections.Count == 0 && !RedActivity;
}

public sealed record DigestStructureSection(string Title, IReadOnlyList<LabelCount> Counts);

public sealed record LabelCount(SensitivityLabel Label, int Count);
