namespace Dialogue.Web.Features.Digests;

/// <summary>
/// How a batch composes one recipient's digest (<see cref="DigestComposer.PlanAsync"/>): the shared sections as
/// <see cref="StandIn"/> (null: as the recipient), and the sections known to have nothing for them.
/// </summary>
public sealed record BatchReading(DigestRecipient? StandIn, IReadOnlySet<IDigestSection> NothingFor);
