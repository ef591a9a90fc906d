using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;

namespace Dialogue.Data.Glossary;

/// <summary>A terminology collection in TBX's shape: concept entries, each with definitions and terms per language.</summary>
public class Glossary
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The space that owns it; null for a site-wide glossary.</summary>
    public long? SpaceId { get; set; }
    /// <summary>A space glossary is never laxer than its space's default label; a site glossary is CLEAR or GREEN.</summary>
    public SensitivityLabel Label { get; set; } = SensitivityLabel.Clear;
    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Bumped in the same transaction as every accepted change to its entries (edit, accepted proposal, import),
    /// so anything derived from the entries (auto-link dictionaries, caches) can key on (Id, Version).
    /// </summary>
    public long Version { get; set; }

    public Space? Space { get; set; }
    public List<GlossaryEditor> Editors { get; set; } = [];
    public List<Concept> Concepts { get; set; } = [];
}
