using Dialogue.Data.Sensitivity;

namespace Dialogue.Data.Spaces;

public class Space
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Lower-case URL segment, unique: /Spaces/{slug}.</summary>
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The laxest label a thread of this space may carry.</summary>
    public SensitivityLabel DefaultLabel { get; set; } = SensitivityLabel.Green;
    /// <summary>Every thread of the space runs under the Chatham House Rule (set on each thread when it is started or moved in).</summary>
    public bool ChathamHouse { get; set; }
    public SpaceJoinPolicy JoinPolicy { get; set; } = SpaceJoinPolicy.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }

    public List<SpaceMember> Members { get; set; } = [];
}
