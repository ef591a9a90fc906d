using System.Net;
using System.Runtime.CompilerServices;
using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using static Dialogue.Tests.Features.Access.AccessMatrixTests;

namespace Dialogue.Tests.Features.Glossary.Tbx;

/// <summary>
/// Export and import of a glossary of each label in the matrix's CLEAR closed space, for every kind of viewer. The
/// RED participant is each glossary's appointed editor (a RED glossary's named readers are its editors).
/// Export follows the table's export column: readers of CLEAR, GREEN and AMBER; AMBER+STRICT and RED never.
/// </summary>
public sealed class GlossaryExchangeAccessMatrixTests(World world) : IClassFixture<World>
{
    private static readonly ConditionalWeakTable<World, Dictionary<SensitivityLabel, long>> GlossariesOf = [];
    private static readonly SemaphoreSlim Seeding = new(1, 1);

    private async Task<long> GlossaryAsync(SensitivityLabel label)
    {
        await world.EnsureAsync();
        await Seeding.WaitAsync();
        try
        {
            if (!GlossariesOf.TryGetValue(world, out var glossaries))
            {
                glossaries = [];
                foreach (var each in Enum.GetValues<SensitivityLabel>())
                {
                    var glossary = await world.CreateGlossaryAsync(each, world.Space.Id, [world.User(Kind.RedParticipant)], $"Matrix glossary {each}");
                    await world.AddEntriesAsync(glossary.Id, GlossaryFixtures.SampleEntries());
                    glossaries[each] = glossary.Id;
                }
                GlossariesOf.Add(world, glossaries);
            }
            return glossaries[label];
        }
        finally
        {
            Seeding.Release();
        }
    }

    [Theory]
    [MemberData(nameof(AccessMatrixTests.Cases), MemberType = typeof(AccessMatrixTests))]
    public async Task Export_and_import_of_a_glossary_follow_the_table(SensitivityLabel label, Kind kind)
    {
        var glossaryId = await GlossaryAsync(label);
        var client = kind == Kind.Stranger ? world.Factory.CreateBrowser(followRedirects: false) : await world.ClientAsync(kind);
        var readable = Reads[kind][(int)label];
        var exportable = readable && label is not (SensitivityLabel.AmberStrict or SensitivityLabel.Red);

        var page = await client.GetAsync($"/Glossary/Export?glossaryId={glossaryId}");
        var tbx = await client.GetAsync($"/Glossary/Export?glossaryId={glossaryId}&handler=Download&format=tbx");
        var csv = await client.GetAsync($"/Glossary/Export?glossaryId={glossaryId}&handler=Download&format=csv");

        Assert.Equal(exportable ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(exportable ? HttpStatusCode.OK : HttpStatusCode.NotFound, tbx.StatusCode);
        Assert.Equal(exportable ? HttpStatusCode.OK : HttpStatusCode.NotFound, csv.StatusCode);
        Assert.Equal(exportable, (await tbx.Content.ReadAsStringAsync()).Contains("红队测试", StringComparison.Ordinal));
        Assert.Equal(exportable, (await csv.Content.ReadAsStringAsync()).Contains("红队测试", StringComparison.Ordinal));
        Assert.Equal(exportable, (await page.Content.ReadAsStringAsync()).Contains($"Matrix glossary {label}", StringComparison.Ordinal));

        var import = await client.GetAsync($"/Glossary/Import?glossaryId={glossaryId}");
        if (kind == Kind.Stranger)
        {
            Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
            Assert.Contains("/Accounts/SignIn", import.Headers.Location!.ToString(), StringComparison.Ordinal);
            return;
        }
        var expected = !readable ? HttpStatusCode.NotFound : kind == Kind.RedParticipant ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, import.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await import.Content.ReadAsStringAsync()).Contains($"Matrix glossary {label}", StringComparison.Ordinal));
    }
}
