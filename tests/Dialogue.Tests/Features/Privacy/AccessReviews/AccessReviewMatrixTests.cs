using System.Net;
using Dialogue.Data.AccessReviews;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Privacy.AccessReviews;

/// <summary>
/// The access review page for every label × kind of viewer, for a space's review and a thread's. Each has an open review
/// (written directly, CLEAR and GREEN included, so the page's own refusal is what is tested): only the space's moderator
/// by membership reaches an AMBER, AMBER+STRICT or RED space's review, only the starter a RED thread's; everyone else
/// gets 404 (nothing disclosed about who belongs), confirming included, and a visitor is sent to sign in.
/// </summary>
public sealed class AccessReviewMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AccessMatrixTests.World? madeFor;
    private static readonly Dictionary<SensitivityLabel, (long SpaceId, long ThreadId)> Made = [];

    public static TheoryData<SensitivityLabel, Kind> Cases() => AccessMatrixTests.Cases();

    /// <summary>Per label: a space of that label with the matrix's members and moderator, and a thread of that label in the matrix's space started by the RED participant.</summary>
    private async Task<(long SpaceId, long ThreadId)> ReviewsAsync(SensitivityLabel label)
    {
        await world.EnsureAsync();
        await Gate.WaitAsync();
        try
        {
            if (madeFor != world)
            {
                Made.Clear();
                madeFor = world;
            }
            if (Made.TryGetValue(label, out var made))
            {
                return made;
            }
            var space = await world.CreateSpaceAsync(label, SpaceJoinPolicy.Closed);
            await world.AddToSpaceAsync(space.Id, world.User(Kind.SpaceMember));
            await world.AddToSpaceAsync(space.Id, world.User(Kind.RedParticipant));
            await world.AddToSpaceAsync(space.Id, world.User(Kind.SpaceModerator), SpaceRole.Moderator);
            var thread = await world.StartThreadAsync(world.Space.Id, world.User(Kind.RedParticipant), label, ThreadsWorld.Unique($"Reviewed-{label}"),
                "Who should still be here?", world.User(Kind.SpaceMember));
            await world.WithDbAsync(async db =>
            {
                foreach (var (spaceId, threadId) in new[] { (space.Id, (long?)null), (world.Space.Id, thread.Id) })
                {
                    db.AccessReviews.Add(new AccessReview
                    {
                        SpaceId = spaceId,
                        ThreadId = threadId,
                        Key = $"matrix:{label}:{spaceId}:{threadId}",
                        Round = 1,
                        OpenedAt = world.Clock.GetUtcNow(),
                        LapsesAt = world.Clock.GetUtcNow().AddDays(14),
                        Items = [new AccessReviewItem { UserId = world.User(Kind.SpaceMember).Id, JoinedAt = world.Clock.GetUtcNow() }],
                    });
                }
                await db.SaveChangesAsync();
            });
            return Made[label] = (space.Id, thread.Id);
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_the_spaces_moderator_reaches_its_review_and_only_for_amber_and_stricter(SensitivityLabel label, Kind kind)
    {
        var (spaceId, _) = await ReviewsAsync(label);
        var expected = kind == Kind.SpaceModerator && AccessPolicy.RequiresAccessReview(label);
        Assert.Equal(kind == Kind.SpaceModerator && label >= SensitivityLabel.Amber, expected);
        await AssertReviewPageAsync(kind, $"/Privacy/AccessReview?spaceId={spaceId}", expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Only_the_starter_reaches_a_threads_review_and_only_for_red(SensitivityLabel label, Kind kind)
    {
        var (_, threadId) = await ReviewsAsync(label);
        var expected = kind == Kind.RedParticipant && label == SensitivityLabel.Red;
        await AssertReviewPageAsync(kind, $"/Privacy/AccessReview?threadId={threadId}", expected);
    }

    private async Task AssertReviewPageAsync(Kind kind, string url, bool expected)
    {
        var client = await world.ClientAsync(kind);
        var page = await client.GetAsync(url);
        var member = world.User(Kind.SpaceMember).DisplayName;
        if (kind == Kind.Stranger)
        {
            Assert.Equal("/Accounts/SignIn", page.RequestMessage!.RequestUri!.AbsolutePath);
            return;
        }
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        // The main content only: the header names the viewer, who is the member under review in one case.
        var main = (await page.ReadPageAsync()).QuerySelector("main")?.TextContent ?? "";
        Assert.Equal(expected, main.Contains(member, StringComparison.Ordinal));

        if (expected)
        {
            return;
        }
        // Deciding goes through the same rule: a non-reviewer's confirmation is 404.
        var token = (await client.GetPageAsync("/Accounts/PersonalData")).QuerySelector("#delete-account input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var confirm = await client.PostAsync(url + "&handler=Confirm", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("userId", world.User(Kind.SpaceMember).Id),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
    }
}
