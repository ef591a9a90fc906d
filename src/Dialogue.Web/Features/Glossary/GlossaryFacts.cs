using Dialogue.Data.Sensitivity;

namespace Dialogue.Web.Features.Glossary;

/// <summary>What the access policy needs to know about a glossary.</summary>
public sealed record GlossaryFacts(long Id, long? SpaceId, SensitivityLabel Label, IReadOnlyCollection<string> EditorIds);
