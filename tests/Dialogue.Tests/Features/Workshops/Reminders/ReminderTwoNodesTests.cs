using Dialogue.Data.Workshops;
using Dialogue.Tests.Features.ScaleOut;
using Dialogue.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Tests.Features.Workshops.Reminders;

[Trait("Database", "Postgres")]
public sealed class ReminderTwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Two_nodes_running_the_reminder_job_at_once_queue_each_reminder_exactly_once()
    {
        var setup = await nodes.A.WorkshopWithRegistrantAsync();
        var members = new List<Dialogue.Data.Accounts.DialogueUser> { setup.Member };
        for (var i = 0; i < 5; i++)
        {
            var member = await nodes.A.MemberOfAsync(setup.SpaceId, "Europe/London");
            Assert.Equal(WorkshopRegistrationStatus.Registered, await nodes.A.RegisterAsync(setup.Workshop.Id, member));
            members.Add(member);
        }
        var due = ReminderWorld.Start.AddHours(-24).AddMinutes(1);
        nodes.A.SetClock(due);
        nodes.B.SetClock(due);

        var runs = await Task.WhenAll(
            Task.Run(nodes.A.RunReminderJobAsync), Task.Run(nodes.B.RunReminderJobAsync),
            Task.Run(nodes.B.RunReminderJobAsync), Task.Run(nodes.A.RunReminderJobAsync));

        Assert.Equal(members.Count, runs.Sum());
        Assert.Equal(members.Count, (await nodes.B.RemindersOfAsync(setup.Workshop.Id)).Count);
        var addresses = members.Select(m => m.Email!).ToList();
        var queued = await nodes.B.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == WorkshopMail.ReminderKind && addresses.Contains(m.ToAddress)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(addresses.Order(), queued.Order());
    }
}
