using Dialogue.Data.Sensitivity;
using Dialogue.Tests.Features.Access;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Search;

/// <summary>
/// Search by a word's beginning (PostgreSQL's full-text vector; SQLite's trigram index) and by a mixed query shows each
/// thread of the closed space only to those the table lets read it: the index finds, the access policy decides.
/// </summary>
public sealed class SearchAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    public static TheoryData<SensitivityLabel, Kind> Cases() => AccessMatrixTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_word_prefix_finds_the_thread_only_for_those_who_may_read_it(SensitivityLabel label, Kind kind)
    {
        await world.EnsureAsync();
        var expected = AccessMatrixTests.Reads[kind][(int)label];
        var thread = world.Threads[label];
        // The title ends with a unique word; its first seven characters are a prefix no other title shares.
        var prefix = thread.Title.Split(' ')[^1][..7];
        var client = await world.ClientAsync(kind);

        var byPrefix = await client.GetStringAsync($"/Search?q={prefix}");
        var mixed = await client.GetStringAsync($"/Search?q={Uri.EscapeDataString(AccessMatrixTests.World.BodyOf(label) + " " + prefix)}");

        Assert.Equal(expected, byPrefix.Contains(thread.Title, StringComparison.Ordinal));
        Assert.Equal(expected, mixed.Contains(thread.Title, StringComparison.Ordinal));
    }
}
