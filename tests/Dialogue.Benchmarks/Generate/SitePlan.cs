using System.Globalization;
using Dialogue.Data.Sensitivity;

namespace Dialogue.Benchmarks.Generate;

public sealed record PlannedMember(int Index, string Id, string Email, string DisplayName, string Country, string TimeZoneId, string UiCulture,
    string Languages, int DigestHour, bool WeeklyDigest);

public sealed record PlannedSpace(int Index, string Name, string Slug, string Description, SensitivityLabel Label, bool Closed,
    IReadOnlyList<int> Members, IReadOnlyList<int> Moderators);

public sealed record PlannedThread(int Index, int Space, SensitivityLabel Label, string Title, int Author, IReadOnlyList<int> Participants,
    int PostCount, DateTimeOffset CreatedAt);

public sealed record PlannedPost(int Number, int Author, string Source, DateTimeOffset CreatedAt);

/// <summary>
/// What the generator writes, decided from the seed alone (<see cref="Random"/> with a seed is the same sequence on
/// every run and machine): the members, the spaces and the threads up front, each thread's posts on demand from a
/// generator of its own, so 200,000 posts never sit in memory at once. Two writers take a plan: the app's own write
/// path and the bulk path (see <see cref="SiteWriter"/>).
/// </summary>
public sealed class SitePlan
{
    /// <summary>The instant the generated site is "now": every post is older.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    public const string Password = "scale-password-1";

    public int Seed { get; }
    public double Scale { get; }
    public IReadOnlyList<PlannedMember> Members { get; }
    public IReadOnlyList<PlannedSpace> Spaces { get; }
    public IReadOnlyList<PlannedThread> Threads { get; }

    /// <summary>Thread 0: the long CLEAR thread (2,000 posts at scale 1).</summary>
    public PlannedThread LongThread => Threads[0];

    public long PostCount => Threads.Sum(t => (long)t.PostCount);

    private SitePlan(int seed, double scale, IReadOnlyList<PlannedMember> members, IReadOnlyList<PlannedSpace> spaces, IReadOnlyList<PlannedThread> threads)
    {
        Seed = seed;
        Scale = scale;
        Members = members;
        Spaces = spaces;
        Threads = threads;
    }

    public static SitePlan Create(int seed, double scale)
    {
        var random = new Random(seed);
        var memberCount = Math.Max(20, (int)Math.Round(10_000 * scale));
        var spaceCount = Math.Max(5, (int)Math.Round(50 * scale));
        var threadCount = Math.Max(10, (int)Math.Round(20_000 * scale));
        var postCount = Math.Max(threadCount * 2, (long)Math.Round(200_000 * scale));
        var longThread = Math.Max(5, (int)Math.Round(2_000 * scale));

        var members = new List<PlannedMember>(memberCount);
        for (var i = 0; i < memberCount; i++)
        {
            var country = SiteContent.Countries[random.Next(SiteContent.Countries.Length)];
            var zone = country.Zones[random.Next(country.Zones.Length)];
            var chinese = country.Chinese;
            var name = chinese
                ? SiteContent.ChineseSurnames[random.Next(SiteContent.ChineseSurnames.Length)] + SiteContent.ChineseGivenNames[random.Next(SiteContent.ChineseGivenNames.Length)]
                : country.Cyrillic
                    ? SiteContent.CyrillicGivenNames[random.Next(SiteContent.CyrillicGivenNames.Length)] + " " + SiteContent.CyrillicSurnames[random.Next(SiteContent.CyrillicSurnames.Length)]
                    : SiteContent.GivenNames[random.Next(SiteContent.GivenNames.Length)] + " " + SiteContent.Surnames[random.Next(SiteContent.Surnames.Length)];
            var idBytes = new byte[16];
            random.NextBytes(idBytes);
            members.Add(new PlannedMember(i, new Guid(idBytes).ToString(), MemberEmail(i), name, country.Code, zone,
                chinese ? "zh-Hans" : "en", chinese ? "zh-Hans, en" : country.Cyrillic ? "ru, en" : "en",
                random.Next(5, 10), random.Next(4) == 0));
        }

        var labels = Enum.GetValues<SensitivityLabel>();
        var spaces = new List<PlannedSpace>(spaceCount);
        for (var s = 0; s < spaceCount; s++)
        {
            var label = labels[s % labels.Length];
            var closed = label >= SensitivityLabel.Amber;
            var topic = SiteContent.Topics[s % SiteContent.Topics.Length];
            var name = s < SiteContent.Topics.Length ? topic : topic + " " + (s / SiteContent.Topics.Length + 1).ToString(CultureInfo.InvariantCulture);
            // A closed space has a few percent of the members; an open one a fifth (joined, though anyone may read it).
            var share = closed ? 0.04 : 0.2;
            var spaceMembers = Enumerable.Range(0, memberCount).Where(_ => random.NextDouble() < share).ToList();
            if (spaceMembers.Count < 4)
            {
                spaceMembers = [.. Enumerable.Range(0, memberCount).OrderBy(_ => random.Next()).Take(4).Order()];
            }
            var moderators = spaceMembers.Take(2).ToList();
            spaces.Add(new PlannedSpace(s, name, "s" + s.ToString("D2", CultureInfo.InvariantCulture) + "-" + Slug(topic),
                SiteContent.SpaceDescription(topic, label), label, closed, spaceMembers, moderators));
        }

        // Thread lengths: most threads short, a few long (a Pareto-like tail), summing to the planned post count exactly.
        var lengths = new int[threadCount];
        lengths[0] = longThread;
        var rest = postCount - longThread;
        var weights = Enumerable.Range(1, threadCount - 1).Select(_ => Math.Pow(1 - random.NextDouble(), -0.9)).ToArray();
        var weightSum = weights.Sum();
        // No other thread longer than half the long one, yet room enough for every post on a tiny site.
        var cap = Math.Max(Math.Max(2, longThread / 2), (int)(2 * rest / (threadCount - 1)) + 1);
        for (var t = 1; t < threadCount; t++)
        {
            lengths[t] = (int)Math.Clamp(Math.Floor(rest * weights[t - 1] / weightSum), 1, cap);
        }
        var missing = rest - lengths.Skip(1).Sum(l => (long)l);
        while (missing != 0)
        {
            var t = 1 + random.Next(threadCount - 1);
            if (missing > 0 && lengths[t] < cap)
            {
                lengths[t]++;
                missing--;
            }
            else if (missing < 0 && lengths[t] > 1)
            {
                lengths[t]--;
                missing++;
            }
        }

        var threads = new List<PlannedThread>(threadCount);
        var span = TimeSpan.FromDays(730);
        for (var t = 0; t < threadCount; t++)
        {
            // The long thread sits in the first CLEAR space; the others spread over all spaces.
            var space = spaces[t == 0 ? 0 : random.Next(spaceCount)];
            var label = space.Label == SensitivityLabel.Clear && t != 0 && random.Next(10) == 0 ? SensitivityLabel.Green : space.Label;
            var author = space.Closed ? space.Members[random.Next(space.Members.Count)] : random.Next(memberCount);
            IReadOnlyList<int> participants = label == SensitivityLabel.Red
                ? [.. space.Members.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Append(author).Distinct().Order()]
                : [];
            // Older threads had longer to grow: a thread starts somewhere in the two years, the long one near the start.
            var created = Now - span + TimeSpan.FromSeconds(t == 0 ? 3600 : random.NextDouble() * span.TotalSeconds * 0.97);
            threads.Add(new PlannedThread(t, space.Index, label, SiteContent.Title(random), author, participants, lengths[t], created));
        }
        return new SitePlan(seed, scale, members, spaces, threads);
    }

    public static string MemberEmail(int index) => "m" + index.ToString("D5", CultureInfo.InvariantCulture) + "@scale.example.org";

    /// <summary>The thread's posts, the same on every call: a generator seeded from the plan's seed and the thread's index.</summary>
    public IEnumerable<PlannedPost> Posts(PlannedThread thread)
    {
        var random = new Random(unchecked(Seed * 1_000_003 + thread.Index));
        var space = Spaces[thread.Space];
        // Who may write here, and who may be mentioned (a mention of someone else stays plain text, as typed).
        IReadOnlyList<int> writers = thread.Label == SensitivityLabel.Red ? thread.Participants : space.Closed ? space.Members : [];
        var remaining = Now - thread.CreatedAt;
        var at = thread.CreatedAt;
        for (var n = 1; n <= thread.PostCount; n++)
        {
            var author = n == 1 ? thread.Author : writers.Count > 0 ? writers[random.Next(writers.Count)] : random.Next(Members.Count);
            var mention = writers.Count > 0 ? writers[random.Next(writers.Count)] : random.Next(Members.Count);
            var source = SiteContent.Post(random, n, "m" + mention.ToString("D5", CultureInfo.InvariantCulture));
            yield return new PlannedPost(n, author, source, at);
            // Replies come quickly at first, then slow down, and never reach "now".
            var gap = remaining.TotalSeconds / (thread.PostCount + 1) * (0.2 + 1.6 * random.NextDouble());
            var next = at + TimeSpan.FromSeconds(Math.Max(1, Math.Floor(gap)));
            var latest = Now - TimeSpan.FromSeconds(thread.PostCount - n + 1);
            at = next < latest ? next : latest;
        }
    }

    private static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
