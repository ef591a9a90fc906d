using Dialogue.Web.Features.Access;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// A feature's share of the demo site (workshops, glossaries, ...), seeded after the accounts, spaces and threads
/// of <see cref="DemoSeeder"/>, so each feature adds its part in its own folder without touching the seeder.
/// </summary>
public interface IDemoPart
{
    Task SeedAsync(DemoSite site, CancellationToken ct);
}

/// <summary>What the core demo made, by the keys of <see cref="DemoContent"/>.</summary>
/// <param name="UserIds">Account id by person key (e.g. "wei", see <see cref="DemoContent.People"/>).</param>
/// <param name="SpaceIds">Space id by slug.</param>
/// <param name="ThreadIds">Thread id by title.</param>
/// <param name="Viewers">The approved people as viewers, by person key, for writing through the app's own services.</param>
/// <param name="Now">The seeding clock's now; backdate or schedule relative to it.</param>
public sealed record DemoSite(
    IReadOnlyDictionary<string, string> UserIds,
    IReadOnlyDictionary<string, long> SpaceIds,
    IReadOnlyDictionary<string, long> ThreadIds,
    Func<string, Viewer> Viewers,
    DateTimeOffset Now);
