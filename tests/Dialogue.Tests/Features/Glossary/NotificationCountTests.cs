using System.Globalization;
using AngleSharp.Dom;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Tests.Features.Glossary.Tbx;
using Dialogue.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Glossary;

/// <summary>The header's unread count agrees with the notifications page about polls and glossaries the member can no longer read.</summary>
public sealed class NotificationCountTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private static string HeaderLink(IDocument page) => page.QuerySelector("a.notifications-link")!.TextContent;

    [Fact]
    public async Task Poll_and_glossary_notifications_stop_counting_when_the_member_leaves_the_space_as_the_page_stops_listing_them()
    {
        var member = await factory.CreateMemberAsync();
        var organiser = await factory.CreateMemberAsync();
        var space = await factory.CreateSpaceAsync(SensitivityLabel.Amber, SpaceJoinPolicy.Open);
        await factory.AddToSpaceAsync(space.Id, member);
        await factory.AddToSpaceAsync(space.Id, organiser);
        var glossary = await factory.CreateGlossaryAsync(SensitivityLabel.Amber, space.Id);
        var pollTitle = ThreadsWorld.Unique("Availability");
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var poll = new WorkshopPoll
            {
                SpaceId = space.Id,
                Label = SensitivityLabel.Amber,
                Title = pollTitle,
                OrganiserId = organiser.Id,
                DurationMinutes = 60,
                Status = WorkshopPollStatus.Open,
                CreatedAt = now,
                Invitees = [new WorkshopPollInvitee { UserId = member.Id, InvitedAt = now }],
            };
            var proposal = new GlossaryProposal
            {
                GlossaryId = glossary.Id,
                ProposerId = member.Id,
                SnapshotJson = "{}",
                Status = ProposalStatus.Rejected,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.AddRange(poll, proposal);
            await db.SaveChangesAsync();
            db.Notifications.Add(new Notification
            {
                RecipientId = member.Id,
                Kind = NotificationKind.WorkshopPollInvited,
                SpaceId = space.Id,
                ActorId = organiser.Id,
                Message = poll.Id.ToString(CultureInfo.InvariantCulture),
                CreatedAt = now,
            });
            var rejected = new Notification { RecipientId = member.Id, Kind = NotificationKind.GlossaryProposalRejected, ActorId = organiser.Id, CreatedAt = now };
            db.Notifications.Add(rejected);
            db.Entry(rejected).Property(GlossaryNotificationConfiguration.ProposalId).CurrentValue = proposal.Id;
            await db.SaveChangesAsync();
        });

        var before = await (await factory.CreateSignedInBrowserAsync(member)).GetPageAsync("/Threads/Notifications");
        Assert.Equal("Notifications (2 unread)", HeaderLink(before));
        Assert.Equal(2, before.QuerySelectorAll("ul.notifications li.unread").Length);
        Assert.Contains(pollTitle, before.DocumentElement.TextContent, StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.SpaceMembers.Where(m => m.SpaceId == space.Id && m.UserId == member.Id).ExecuteDeleteAsync());

        var after = await (await factory.CreateSignedInBrowserAsync(member)).GetPageAsync("/Threads/Notifications");
        Assert.Equal("Notifications", HeaderLink(after));
        Assert.DoesNotContain(pollTitle, after.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(glossary.Name, after.DocumentElement.TextContent, StringComparison.Ordinal);
    }
}
