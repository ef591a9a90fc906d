using System.Globalization;
using Dialogue.Data.Glossary;

namespace Dialogue.Web.Features.Glossary.Linking;

/// <summary>A term a matcher finds, with what a link to it needs.</summary>
public sealed record LinkableTerm(string Text, string LanguageTag, TermStatus Status, long ConceptId, long GlossaryId)
{
    /// <summary>
    /// The per-language case rule: an acronym or a term written with capitals in a language that has case (RLHF,
    /// "Claude") matches only as written; any other term matches in any case. Scripts without case (Chinese,
    /// Japanese) are unaffected.
    /// </summary>
    public bool CaseSensitive { get; } = Text.Any(char.IsUpper);
}

/// <summary>A found term in a text: where, how long, which term.</summary>
public readonly record struct TermMatch(int Start, int Length, LinkableTerm Term);

/// <summary>
/// Aho–Corasick over case-folded UTF-16 text: every term of one glossary version in one automaton, built once and
/// cached (<see cref="GlossaryLinker"/>), so finding all terms in a post costs one pass over its text whatever the
/// glossary's size. Folding is per char (ToLowerInvariant), which keeps positions in the folded and the original text
/// equal. Whole-word rules: a term in a spaced script must not touch a letter or digit on either side; a term in
/// Chinese or Japanese script is found anywhere (dictionary matching: those texts have no spaces between words).
/// </summary>
public sealed class TermMatcher
{
    private readonly List<Dictionary<char, int>> next = [new()];
    private readonly List<int> fail = [0];
    private readonly List<List<LinkableTerm>> output = [[]];

    public int TermCount { get; }

    public TermMatcher(IEnumerable<LinkableTerm> terms)
    {
        foreach (var term in terms)
        {
            var folded = Fold(term.Text);
            if (folded.Length == 0)
            {
                continue;
            }
            var state = 0;
            foreach (var c in folded)
            {
                if (!next[state].TryGetValue(c, out var to))
                {
                    to = next.Count;
                    next.Add([]);
                    fail.Add(0);
                    output.Add([]);
                    next[state][c] = to;
                }
                state = to;
            }
            output[state].Add(term);
            TermCount++;
        }
        var queue = new Queue<int>(next[0].Values);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (c, to) in next[state])
            {
                queue.Enqueue(to);
                var f = fail[state];
                while (f != 0 && !next[f].ContainsKey(c))
                {
                    f = fail[f];
                }
                fail[to] = next[f].TryGetValue(c, out var target) && target != to ? target : 0;
                output[to].AddRange(output[fail[to]]);
            }
        }
    }

    /// <summary>Every occurrence that passes the case and word-boundary rules, overlapping ones included.</summary>
    public IEnumerable<TermMatch> FindAll(string text)
    {
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            while (state != 0 && !next[state].ContainsKey(c))
            {
                state = fail[state];
            }
            state = next[state].TryGetValue(c, out var to) ? to : 0;
            foreach (var term in output[state])
            {
                var start = i + 1 - term.Text.Length;
                if (Accepts(text, start, term))
                {
                    yield return new TermMatch(start, term.Text.Length, term);
                }
            }
        }
    }

    /// <summary>Leftmost, then longest; a match overlapping one already taken is dropped (so "red teaming" wins over "red").</summary>
    public static List<TermMatch> Choose(IEnumerable<TermMatch> matches)
    {
        var chosen = new List<TermMatch>();
        var end = 0;
        foreach (var match in matches.OrderBy(m => m.Start).ThenByDescending(m => m.Length).ThenBy(m => m.Term.GlossaryId))
        {
            if (match.Start >= end)
            {
                chosen.Add(match);
                end = match.Start + match.Length;
            }
        }
        return chosen;
    }

    private static string Fold(string text) => string.Create(text.Length, text, (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = char.ToLowerInvariant(t[i]);
        }
    });

    private static bool Accepts(string text, int start, LinkableTerm term)
    {
        if (term.CaseSensitive && string.CompareOrdinal(text, start, term.Text, 0, term.Text.Length) != 0)
        {
            return false;
        }
        var end = start + term.Text.Length;
        var before = !IsUnspaced(term.Text[0]) && start > 0 && IsWordChar(text[start - 1]);
        var after = !IsUnspaced(term.Text[^1]) && end < text.Length && IsWordChar(text[end]);
        return !before && !after;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>Han, kana and CJK punctuation: scripts written without spaces between words.</summary>
    public static bool IsUnspaced(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\u3000' and <= '\u303F');
}
