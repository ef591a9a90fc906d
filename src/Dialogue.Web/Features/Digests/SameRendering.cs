namespace Dialogue.Web.Features.Digests;

/// <summary>
/// Two digest views that render to the same email, links apart: the same entries under the same headings, the same
/// window, and a recipient of the same kind, frequency, language and time zone (all the template reads of them).
/// A batch renders each such email once and fills in each recipient's links (<see cref="DigestDelivery"/>).
/// </summary>
public sealed class SameRendering : IEqualityComparer<DigestView>
{
    public static readonly SameRendering Instance = new();

    public bool Equals(DigestView? x, DigestView? y) =>
        ReferenceEquals(x, y)
        || (x is not null && y is not null
            && x.Since == y.Since && x.Until == y.Until && x.RedActivity == y.RedActivity
            && x.Recipient.IsPublic == y.Recipient.IsPublic
            && x.Recipient.Frequency == y.Recipient.Frequency
            && x.Recipient.Culture.Name == y.Recipient.Culture.Name
            && x.Recipient.Zone.Id == y.Recipient.Zone.Id
            && x.Sections.Count == y.Sections.Count
            && x.Sections.Zip(y.Sections).All(s => s.First.Title == s.Second.Title && s.First.Entries.SequenceEqual(s.Second.Entries)));

    public int GetHashCode(DigestView view)
    {
        var hash = new HashCode();
        hash.Add(view.Since);
        hash.Add(view.RedActivity);
        hash.Add(view.Recipient.IsPublic);
        hash.Add(view.Recipient.Culture.Name);
        hash.Add(view.Recipient.Zone.Id);
        foreach (var section in view.Sections)
        {
            hash.Add(section.Title);
            hash.Add(section.Entries.Count);
            hash.Add(section.Entries.Count > 0 ? section.Entries[0] : null);
        }
        return hash.ToHashCode();
    }
}
