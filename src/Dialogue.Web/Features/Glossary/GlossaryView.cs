using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Features.Glossary;

/// <summary>A glossary the viewer may read, with what the viewer may do in it.</summary>
public sealed record GlossaryView(
    long Id, string Name, string Description, long? SpaceId, string? SpaceName, string? SpaceSlug,
    SensitivityLabel Label, long Version, GlossaryFacts Facts, Viewer Viewer, bool CanPropose, bool CanCurate, bool CanManage);
