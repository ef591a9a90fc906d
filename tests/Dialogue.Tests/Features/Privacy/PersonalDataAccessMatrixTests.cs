using System.Net;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Privacy;

/// <summary>
/// The personal-data and sessions pages for every kind of viewer: each signed-in viewer reaches their own, a visitor is
/// sent to sign in, and nobody — an admin included — reaches another member's export, deletion or sessions (404).
/// These pages show no labelled content, so the answer is the same for all five labels.
/// </summary>
public sealed class PersonalDataAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    public static TheoryData<Kind> Kinds() => [.. Enum.GetValues<Kind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Own_pages_open_for_every_signed_in_viewer_and_send_a_visitor_to_sign_in(Kind kind)
    {
        await world.EnsureAsync();
        var client = await world.ClientAsync(kind);
        foreach (var page in new[] { "/Accounts/PersonalData", "/Accounts/Sessions" })
        {
            var response = await client.GetAsync(page);
            if (kind == Kind.Stranger)
            {
                Assert.Equal("/Accounts/SignIn", response.RequestMessage!.RequestUri!.AbsolutePath);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(page, response.RequestMessage!.RequestUri!.AbsolutePath);
            }
        }
        if (kind != Kind.Stranger)
        {
            var own = await client.GetAsync($"/Accounts/PersonalData?handler=Download&memberId={world.User(kind).Id}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Contains(world.User(kind).Email!, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Another_members_export_deletion_and_sessions_answer_404_to_every_viewer(Kind kind)
    {
        await world.EnsureAsync();
        var client = await world.ClientAsync(kind);
        var target = world.User(kind == Kind.SpaceMember ? Kind.RedParticipant : Kind.SpaceMember);
        var token = kind == Kind.Stranger ? null : await AntiforgeryTokenAsync(client);

        var download = await client.GetAsync($"/Accounts/PersonalData?handler=Download&memberId={target.Id}");
        var deletion = await client.PostAsync($"/Accounts/PersonalData?handler=Delete&memberId={target.Id}", Form(token,
            ("Data.Password", DialogueFactory.Password), ("Data.Confirm", "true")));
        var sessions = await client.PostAsync("/Accounts/Sessions?handler=EndOthers", Form(token, ("memberId", target.Id)));

        foreach (var response in new[] { download, deletion, sessions })
        {
            if (kind == Kind.Stranger)
            {
                Assert.Equal("/Accounts/SignIn", response.RequestMessage!.RequestUri!.AbsolutePath);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/Accounts/PersonalData")).QuerySelector("#delete-account input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), .. token is null ? [] : new[] { KeyValuePair.Create("__RequestVerificationToken", token) }]);
}
