using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Tests.Features.Access;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.EntityFrameworkCore;
using Kind = Dialogue.Tests.Features.Access.AccessMatrixTests.Kind;

namespace Dialogue.Tests.Features.Workshops.Polls;

/// <summary>
/// Every poll surface, for every label and every kind of viewer. A poll is for its organiser and invitees only: the
/// space's members are invited (at RED only the RED participant, as a RED thread's participants), so a viewer sees it
/// exactly when the access table lets them read the label AND they were invited. Everyone else gets 404, or is sent
/// to sign in; the policy and the query give the same answer.
/// </summary>
public sealed class PollAccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private static bool Invited(Kind kind, SensitivityLabel label) =>
        label == SensitivityLabel.Red ? kind == Kind.RedParticipant : kind is Kind.SpaceMember or Kind.RedParticipant or Kind.SpaceModerator;

    [Theory]
    [MemberData(nameof(AccessMatrixTests.Cases), MemberType = typeof(AccessMatrixTests))]
    public async Task Every_poll_page_shows_or_hides_the_poll_as_the_table_says(SensitivityLabel label, Kind kind)
    {
        await world.EnsureAsync();
        var invitees = new[] { Kind.SpaceMember, Kind.RedParticipant, Kind.SpaceModerator }.Where(k => Invited(k, label)).Select(world.User).ToList();
        var title = ThreadsWorld.Unique($"Poll-{label}-{kind}");
        var pollId = await world.CreatePollAsync(world.Space.Id, world.Author, label, "Asia/Shanghai", ["2027-02-02T21:00", "2027-02-03T09:00"], invitees, title,
            description: $"poll-secret-{label}");
        var slotId = (await world.SlotsAsync(pollId))[0].Id;
        var expected = AccessMatrixTests.Reads[kind][(int)label] && Invited(kind, label);

        if (kind == Kind.Stranger)
        {
            var stranger = world.Factory.CreateBrowser(followRedirects: false);
            foreach (var url in new[] { $"/Workshops/Polls/{pollId}", "/Workshops/Polls", "/Workshops/Polls/New", $"/Workshops/Polls/New?spaceId={world.Space.Id}" })
            {
                var response = await stranger.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Accounts/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            }
            return;
        }

        var client = await world.ClientAsync(kind);
        // The poll's page.
        var page = await client.GetAsync($"/Workshops/Polls/{pollId}");
        Assert.Equal(expected ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(expected, html.Contains(title, StringComparison.Ordinal));
        Assert.Equal(expected, html.Contains($"poll-secret-{label}", StringComparison.Ordinal));

        // The list of polls.
        Assert.Equal(expected, (await client.GetStringAsync("/Workshops/Polls")).Contains(title, StringComparison.Ordinal));

        // The invitation in the notifications, which names the poll.
        Assert.Equal(expected, (await client.GetStringAsync("/Threads/Notifications")).Contains(title, StringComparison.Ordinal));

        // Answering: an invitee who sees the poll answers; anyone else finds nothing.
        var token = await PollsWorld.TokenAsync(client);
        var noRedirects = await world.Factory.CreateSignedInBrowserAsync(world.User(kind), followRedirects: false);
        var answer = await noRedirects.PostAsync($"/Workshops/Polls/{pollId}?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [$"Answers[{slotId}]"] = "Yes",
            ["__RequestVerificationToken"] = await PollsWorld.TokenAsync(noRedirects),
        }));
        Assert.Equal(expected ? HttpStatusCode.Redirect : HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(expected, await world.WithDbAsync(db => db.WorkshopPollAnswers.AnyAsync(a => a.PollId == pollId && a.UserId == world.User(kind).Id)));

        // Deciding is the organiser's: forbidden to an invitee who sees the poll, not found for anyone else.
        var decide = await client.PostAsync($"/Workshops/Polls/{pollId}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["slotId"] = slotId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(expected ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, decide.StatusCode);
        Assert.Equal(WorkshopPollStatus.Open, await world.WithDbAsync(db => db.WorkshopPolls.Where(p => p.Id == pollId).Select(p => p.Status).SingleAsync()));

        // The policy and the query agree for this viewer.
        var (viewer, visible) = await world.WithDbAsync(async db =>
        {
            var v = await ViewerLoader.ForUserAsync(db, world.User(kind).Id, CancellationToken.None);
            return (v, await db.WorkshopPolls.VisibleTo(v).AnyAsync(p => p.Id == pollId));
        });
        var facts = new PollFacts(world.Space.Id, label, world.Author.Id, [.. invitees.Select(i => i.Id)], WorkshopPollStatus.Open);
        Assert.Equal(expected, AccessPolicy.CanSee(viewer, facts));
        Assert.Equal(expected, visible);

        // Starting a poll in the space: its members with the Organiser role or who moderate it; others are refused.
        var start = await client.GetAsync($"/Workshops/Polls/New?spaceId={world.Space.Id}");
        Assert.Equal(kind == Kind.SpaceModerator ? HttpStatusCode.OK : HttpStatusCode.Forbidden, start.StatusCode);
    }

    [Fact]
    public async Task The_organiser_sees_their_poll_at_every_label_and_loses_it_with_the_space()
    {
        await world.EnsureAsync();
        var organiser = await world.CreateMemberAsync();
        await world.AddToSpaceAsync(world.Space.Id, organiser);
        var polls = new Dictionary<SensitivityLabel, long>();
        foreach (var label in Enum.GetValues<SensitivityLabel>())
        {
            polls[label] = await world.CreatePollAsync(world.Space.Id, organiser, label, "Europe/London", ["2027-02-02T10:00"], [world.User(Kind.SpaceMember)]);
        }
        var client = await world.CreateSignedInBrowserAsync(organiser);
        foreach (var (label, id) in polls)
        {
            Assert.True((await client.GetAsync($"/Workshops/Polls/{id}")).StatusCode == HttpStatusCode.OK, $"{label} for its organiser");
        }

        // Having left the space, they keep what its label lets anyone signed in read, and nothing else.
        await world.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == world.Space.Id && m.UserId == organiser.Id).ExecuteDeleteAsync());
        foreach (var (label, id) in polls)
        {
            var status = (await client.GetAsync($"/Workshops/Polls/{id}")).StatusCode;
            Assert.True((label <= SensitivityLabel.Green ? HttpStatusCode.OK : HttpStatusCode.NotFound) == status, $"{label} after leaving: {status}");
        }
    }
}
