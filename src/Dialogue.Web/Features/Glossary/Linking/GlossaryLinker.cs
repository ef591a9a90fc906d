using System.Globalization;
using System.Net;
using System.Text;
using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary.Linking;

/// <summary>
/// Marks approved glossary terms in rendered posts, for one reader. Stored post HTML stays reader-independent; this
/// runs where the other per-reader placeholders are resolved. Per request it costs one small query (the glossaries
/// and their versions, to decide which the reader may read; remembered between this node's writes) and one pass per
/// post over its text; each glossary
/// version's matcher and definitions are built once per node and cached under (glossary id, version), so an
/// edit, an accepted proposal or an import (each bumps the version) is seen at the next page view.
/// A glossary the reader may not read contributes nothing: no link, no definition, no hint that a term exists.
/// </summary>
public sealed class GlossaryLinker(DialogueDbContext db, IMemoryCache cache, LocalWrites writes, IStringLocalizer<Text> text)
{
    /// <summary>What a link shows for one entry: its definitions by language and its preferred term by language.</summary>
    public sealed record EntryInfo(long Id, IReadOnlyDictionary<string, string> Definitions, IReadOnlyDictionary<string, string> Preferred);

    public sealed record GlossaryTerms(TermMatcher Matcher, IReadOnlyDictionary<long, EntryInfo> Entries);

    /// <summary>Links terms in each of <paramref name="htmls"/>; an entry of <paramref name="optedOut"/> that is true is left as it is.</summary>
    public async Task<IReadOnlyList<string>> LinkAsync(IReadOnlyList<string> htmls, Viewer reader, IReadOnlyList<bool>? optedOut, CancellationToken ct)
    {
        // Nothing to link (deleted posts, or every post opted out): no query at all.
        if (Enumerable.Range(0, htmls.Count).All(i => string.IsNullOrEmpty(htmls[i]) || (optedOut is not null && optedOut[i])))
        {
            return htmls;
        }
        var dictionaries = await DictionariesForAsync(reader, ct);
        if (dictionaries.Count == 0)
        {
            return htmls;
        }
        var language = CultureInfo.CurrentUICulture.Name;
        var counter = 0;
        var linked = new List<string>(htmls.Count);
        for (var i = 0; i < htmls.Count; i++)
        {
            linked.Add(optedOut is not null && optedOut[i] ? htmls[i] : Link(htmls[i], dictionaries, language, ref counter));
        }
        return linked;
    }

    /// <summary>The readable glossaries' dictionaries, in glossary id order (a tie between two glossaries goes to the older).</summary>
    public async Task<IReadOnlyList<GlossaryTerms>> DictionariesForAsync(Viewer reader, CancellationToken ct)
    {
        var glossaries = await GlossariesAsync(ct);
        var dictionaries = new List<GlossaryTerms>();
        foreach (var g in glossaries.Where(g => AccessPolicy.CanRead(reader, new GlossaryFacts(g.Id, g.SpaceId, g.Label, g.Editors))))
        {
            var dictionary = await cache.GetOrCreateAsync(("glossary-links", g.Id, g.Version), entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromHours(1);
                return BuildAsync(g.Id, ct);
            });
            if (dictionary!.Matcher.TermCount > 0)
            {
                dictionaries.Add(dictionary);
            }
        }
        return dictionaries;
    }

    /// <summary>Whether the reader may read any glossary at all: a search need not look for terms otherwise.</summary>
    public async Task<bool> AnyReadableAsync(Viewer reader, CancellationToken ct) =>
        (await GlossariesAsync(ct)).Any(g => AccessPolicy.CanRead(reader, new GlossaryFacts(g.Id, g.SpaceId, g.Label, g.Editors)));

    /// <summary>
    /// Every glossary with what the policy needs, the same for every reader (the policy decides per reader). A label
    /// raise or a new editor is a write, so the remembered list is never older than this node's last commit.
    /// </summary>
    private Task<IReadOnlyList<GlossaryRow>> GlossariesAsync(CancellationToken ct) =>
        writes.RememberAsync("glossary links: glossaries", "", async () => (IReadOnlyList<GlossaryRow>)await db.Glossaries
            .AsNoTracking().OrderBy(g => g.Id)
            .Select(g => new GlossaryRow(g.Id, g.SpaceId, g.Label, g.Version, g.Editors.Select(e => e.UserId).ToList()))
            .ToListAsync(ct));

    private sealed record GlossaryRow(long Id, long? SpaceId, Dialogue.Data.Sensitivity.SensitivityLabel Label, long Version, List<string> Editors);

    private async Task<GlossaryTerms> BuildAsync(long glossaryId, CancellationToken ct)
    {
        var terms = await db.Set<Term>().AsNoTracking()
            .Where(t => t.GlossaryId == glossaryId && t.Status != TermStatus.Proposed && t.Status != TermStatus.Superseded
                && db.Set<Concept>().Any(c => c.Id == t.ConceptId && !c.IsDeleted))
            .OrderBy(t => t.ConceptId).ThenBy(t => t.Position)
            .Select(t => new { t.ConceptId, t.LanguageTag, t.Text, t.Status })
            .ToListAsync(ct);
        var conceptIds = terms.Select(t => t.ConceptId).Distinct().ToList();
        var definitions = await db.Set<ConceptLanguage>().AsNoTracking()
            .Where(l => conceptIds.Contains(l.ConceptId) && l.Definition != "")
            .Select(l => new { l.ConceptId, l.LanguageTag, l.Definition })
            .ToListAsync(ct);
        var entries = conceptIds.ToDictionary(id => id, id => new EntryInfo(id,
            definitions.Where(d => d.ConceptId == id).ToDictionary(d => d.LanguageTag, d => d.Definition, StringComparer.OrdinalIgnoreCase),
            terms.Where(t => t.ConceptId == id && t.Status == TermStatus.Preferred).GroupBy(t => t.LanguageTag, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Text, StringComparer.OrdinalIgnoreCase)));
        var matcher = new TermMatcher(terms.Select(t => new LinkableTerm(t.Text, t.LanguageTag, t.Status, t.ConceptId, glossaryId)));
        return new GlossaryTerms(matcher, entries);
    }

    /// <summary>
    /// Walks the sanitised HTML and links terms in text only: never inside a link, code, a preformatted block, a
    /// quote (the quoted post is linked where it stands), a mention, or an attribute; the tags themselves are copied
    /// as they are, so Markdown's and the sanitiser's output keeps its shape.
    /// </summary>
    private string Link(string html, IReadOnlyList<GlossaryTerms> dictionaries, string language, ref int counter)
    {
        if (html.Length == 0)
        {
            return html;
        }
        var output = new StringBuilder(html.Length + 256);
        var skipDepth = 0;
        var skipping = new Stack<string>();
        var position = 0;
        while (position < html.Length)
        {
            var tagStart = html.IndexOf('<', position);
            var textEnd = tagStart < 0 ? html.Length : tagStart;
            if (textEnd > position)
            {
                var segment = html[position..textEnd];
                output.Append(skipDepth > 0 ? segment : LinkText(segment, dictionaries, language, ref counter));
            }
            if (tagStart < 0)
            {
                break;
            }
            var tagEnd = html.IndexOf('>', tagStart);
            if (tagEnd < 0)
            {
                output.Append(html, tagStart, html.Length - tagStart);
                break;
            }
            var tag = html[tagStart..(tagEnd + 1)];
            output.Append(tag);
            var name = TagName(tag);
            if (tag.StartsWith("</", StringComparison.Ordinal))
            {
                if (skipping.Count > 0 && skipping.Peek() == name)
                {
                    skipping.Pop();
                    skipDepth--;
                }
            }
            else if (!tag.EndsWith("/>", StringComparison.Ordinal) && Skipped(name, tag))
            {
                skipping.Push(name);
                skipDepth++;
            }
            else if (skipping.Count > 0 && skipping.Peek() == name && !tag.EndsWith("/>", StringComparison.Ordinal))
            {
                // The same element nested inside a skipped one (a span in a mention): count it so its end tag is matched.
                skipping.Push(name);
                skipDepth++;
            }
            position = tagEnd + 1;
        }
        return output.ToString();
    }

    private static bool Skipped(string name, string tag) =>
        name is "a" or "code" or "pre" or "blockquote" or "kbd" or "samp" or "script" or "style" or "textarea"
        || (name == "span" && tag.Contains("mention", StringComparison.Ordinal));

    private static string TagName(string tag)
    {
        var start = tag.StartsWith("</", StringComparison.Ordinal) ? 2 : 1;
        var end = start;
        while (end < tag.Length && char.IsLetterOrDigit(tag[end]))
        {
            end++;
        }
        return tag[start..end].ToLowerInvariant();
    }

    private string LinkText(string encoded, IReadOnlyList<GlossaryTerms> dictionaries, string language, ref int counter)
    {
        var plain = WebUtility.HtmlDecode(encoded);
        var found = new List<(TermMatch Match, GlossaryTerms Dictionary)>();
        foreach (var dictionary in dictionaries)
        {
            found.AddRange(dictionary.Matcher.FindAll(plain).Select(m => (m, dictionary)));
        }
        if (found.Count == 0)
        {
            return encoded;
        }
        var byMatch = found.GroupBy(f => f.Match).ToDictionary(g => g.Key, g => g.First().Dictionary);
        var chosen = TermMatcher.Choose(found.Select(f => f.Match));
        var output = new StringBuilder(encoded.Length + chosen.Count * 200);
        var position = 0;
        foreach (var match in chosen)
        {
            output.Append(WebUtility.HtmlEncode(plain[position..match.Start]));
            AppendLink(output, plain.Substring(match.Start, match.Length), match.Term, byMatch[match].Entries[match.Term.ConceptId], language, ++counter);
            position = match.Start + match.Length;
        }
        output.Append(WebUtility.HtmlEncode(plain[position..]));
        return output.ToString();
    }

    private void AppendLink(StringBuilder output, string written, LinkableTerm term, EntryInfo entry, string language, int number)
    {
        var id = "glossary-tip-" + number.ToString(CultureInfo.InvariantCulture);
        var deprecated = term.Status == TermStatus.Deprecated;
        var definition = Pick(entry.Definitions, language, term.LanguageTag);
        var tip = new StringBuilder();
        if (deprecated)
        {
            var preferred = Pick(entry.Preferred, term.LanguageTag, language);
            tip.Append(preferred is null ? text["Deprecated term."] : text["Deprecated term: prefer “{0}”.", preferred]);
            if (definition is not null)
            {
                tip.Append(' ');
            }
        }
        tip.Append(definition ?? (deprecated ? "" : text["Glossary term"]));
        output.Append("<span class=\"glossary-link").Append(deprecated ? " glossary-deprecated" : "").Append("\">")
            .Append("<a class=\"glossary-term\" href=\"/Glossary/Concept/").Append(entry.Id.ToString(CultureInfo.InvariantCulture))
            .Append("\" aria-describedby=\"").Append(id).Append("\">").Append(WebUtility.HtmlEncode(written)).Append("</a>")
            .Append("<span class=\"glossary-tip\" role=\"tooltip\" id=\"").Append(id).Append("\">")
            .Append(WebUtility.HtmlEncode(tip.ToString())).Append("</span></span>");
    }

    /// <summary>The reader's language first (zh-Hans for a zh-Hans reader, then zh), then the term's own, then any.</summary>
    private static string? Pick(IReadOnlyDictionary<string, string> byLanguage, string first, string second)
    {
        foreach (var tag in new[] { first, first.Split('-')[0], second, "en" })
        {
            if (tag.Length > 0 && byLanguage.TryGetValue(tag, out var value))
            {
                return value;
            }
        }
        return byLanguage.Values.FirstOrDefault();
    }
}
