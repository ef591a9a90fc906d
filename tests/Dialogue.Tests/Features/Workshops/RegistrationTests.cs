using System.Globalization;
using System.Net;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Workshops;

public sealed class RegistrationTests
{
    private sealed class SmtpFactory : DialogueFactory
    {
        public SmtpFactory()
        {
            Settings["Email:Transport"] = "Smtp";
            Settings["Email:Smtp:Host"] = "127.0.0.1";
            Settings["Email:Smtp:Port"] = MailDev.SmtpPort.ToString(CultureInfo.InvariantCulture);
            Settings["Email:Smtp:Security"] = "None";
            Settings["Email:Smtp:Timeout"] = "00:00:05";
        }
    }

    private static async Task<(long SpaceId, Dialogue.Data.Accounts.DialogueUser Organiser)> SpaceAsync(DialogueFactory factory, SensitivityLabel label = SensitivityLabel.Clear)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Open);
        var organiser = await factory.CreateMemberAsync();
        await factory.AddToSpaceAsync(space.Id, organiser, SpaceRole.Moderator);
        return (space.Id, organiser);
    }

    private static async Task<List<Dialogue.Data.Accounts.DialogueUser>> MembersAsync(DialogueFactory factory, long spaceId, int count)
    {
        var members = new List<Dialogue.Data.Accounts.DialogueUser>();
        for (var i = 0; i < count; i++)
        {
            var member = await factory.CreateMemberAsync();
            await factory.AddToSpaceAsync(spaceId, member);
            members.Add(member);
        }
        return members;
    }

    [Fact]
    public async Task A_cancellation_gives_the_place_to_the_first_in_line_who_gets_the_email_through_the_smtp_server()
    {
        await using var factory = new SmtpFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var title = ThreadsWorld.Unique("Full workshop");
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, title, "Asia/Shanghai", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 2);
        var people = await MembersAsync(factory, spaceId, 4);
        var statuses = new List<WorkshopRegistrationStatus>();
        foreach (var person in people)
        {
            statuses.Add(await factory.RegisterAsync(workshop.Id, person));
        }
        Assert.Equal([WorkshopRegistrationStatus.Registered, WorkshopRegistrationStatus.Registered, WorkshopRegistrationStatus.Waiting, WorkshopRegistrationStatus.Waiting], statuses);

        // One click on the workshop page, as the registrant.
        var first = await factory.CreateSignedInBrowserAsync(people[0]);
        var cancelled = await first.SubmitAsync($"/Workshops/{workshop.Id}", new Dictionary<string, string>(), "form[action*='handler=CancelRegistration']");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var now = await factory.StatusesAsync(workshop.Id);
        Assert.Equal(WorkshopRegistrationStatus.Cancelled, now[people[0].Id]);
        Assert.Equal(WorkshopRegistrationStatus.Registered, now[people[2].Id]);
        Assert.Equal(WorkshopRegistrationStatus.Waiting, now[people[3].Id]);
        Assert.Empty(await factory.OutboxToAsync(people[3].Email!));

        await factory.SendOutboxAsync();
        var mail = Assert.Single(await MailDev.ToAsync(people[2].Email!));
        Assert.Contains(title, mail.Subject, StringComparison.Ordinal);
        var raw = await MailDev.RawAsync(mail.Id);
        Assert.Contains($"/Workshops/{workshop.Id}", raw.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_waiting_list_shows_each_member_their_position()
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("W"), "Europe/London", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 1);
        var people = await MembersAsync(factory, spaceId, 3);
        foreach (var person in people)
        {
            await factory.RegisterAsync(workshop.Id, person);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var third = await factory.CreateSignedInBrowserAsync(people[2]);
        var page = await third.GetPageAsync($"/Workshops/{workshop.Id}");
        Assert.Contains("number 2 on the waiting list", page.QuerySelector(".registration-box")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raising_the_capacity_promotes_as_many_as_the_new_places()
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("W"), "America/New_York", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 1);
        var people = await MembersAsync(factory, spaceId, 4);
        foreach (var person in people)
        {
            await factory.RegisterAsync(workshop.Id, person);
        }
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var saved = await browser.SubmitAsync($"/Workshops/{workshop.Id}/Edit", new Dictionary<string, string> { ["Data.Capacity"] = "3" }, "form.workshop-form");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var statuses = await factory.StatusesAsync(workshop.Id);
        Assert.Equal(3, statuses.Values.Count(s => s == WorkshopRegistrationStatus.Registered));
        Assert.Equal(WorkshopRegistrationStatus.Waiting, statuses[people[3].Id]);
        Assert.Single(await factory.OutboxToAsync(people[1].Email!));
        Assert.Single(await factory.OutboxToAsync(people[2].Email!));
    }

    [Fact]
    public async Task The_capacity_cannot_go_below_the_places_taken_and_nothing_is_saved()
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var title = ThreadsWorld.Unique("W");
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, title, "Europe/Berlin", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 5);
        foreach (var person in await MembersAsync(factory, spaceId, 3))
        {
            await factory.RegisterAsync(workshop.Id, person);
        }
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var response = await browser.SubmitAsync($"/Workshops/{workshop.Id}/Edit",
            new Dictionary<string, string> { ["Data.Capacity"] = "2", ["Data.Title"] = "Renamed" }, "form.workshop-form");
        var page = await response.ReadPageAsync();
        Assert.Contains("3 people are registered already", page.QuerySelector("#Data_Capacity-error")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.Workshops.AsNoTracking().SingleAsync(w => w.Id == workshop.Id));
        Assert.Equal((title, 5, 0), (stored.Title, stored.Capacity!.Value, stored.Sequence));
    }

    [Fact]
    public async Task A_request_waits_for_an_organiser_and_an_invitation_only_workshop_refuses_strangers_to_it()
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var approval = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("A"), "UTC", "2026-12-08T09:00", "2026-12-08T12:00", mode: WorkshopRegistrationMode.Approval);
        var invitational = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("I"), "UTC", "2026-12-08T09:00", "2026-12-08T12:00", mode: WorkshopRegistrationMode.InvitationOnly);
        var (asker, invitee, uninvited) = (await MembersAsync(factory, spaceId, 3)) switch { var m => (m[0], m[1], m[2]) };

        Assert.Equal(WorkshopRegistrationStatus.PendingApproval, await factory.RegisterAsync(approval.Id, asker));
        var registrationId = await factory.WithDbAsync(db => db.WorkshopRegistrations.Where(r => r.WorkshopId == approval.Id && r.UserId == asker.Id).Select(r => r.Id).SingleAsync());
        var organiserBrowser = await factory.CreateSignedInBrowserAsync(organiser);
        await organiserBrowser.SubmitAsync($"/Workshops/{approval.Id}/Registrants", new Dictionary<string, string>(), $"form[action*='handler=Approve'][action*='registrationId={registrationId}']");
        Assert.Equal(WorkshopRegistrationStatus.Registered, (await factory.StatusesAsync(approval.Id))[asker.Id]);

        await factory.InviteAsync(invitational.Id, organiser, invitee);
        var invited = await factory.CreateSignedInBrowserAsync(invitee);
        await invited.SubmitAsync($"/Workshops/{invitational.Id}", new Dictionary<string, string>(), "form[action*='handler=Register']");
        Assert.Equal(WorkshopRegistrationStatus.Registered, (await factory.StatusesAsync(invitational.Id))[invitee.Id]);

        var outsider = await factory.CreateSignedInBrowserAsync(uninvited);
        var page = await outsider.GetPageAsync($"/Workshops/{invitational.Id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Register']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await outsider.GetPageAsync($"/Workshops/{approval.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await outsider.PostAsync($"/Workshops/{invitational.Id}?handler=Register", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.False((await factory.StatusesAsync(invitational.Id)).ContainsKey(uninvited.Id));
    }

    [Theory]
    [InlineData(SensitivityLabel.Amber, true)]
    [InlineData(SensitivityLabel.AmberStrict, false)]
    [InlineData(SensitivityLabel.Red, false)]
    public async Task The_place_email_carries_only_what_the_label_allows(SensitivityLabel label, bool namesWorkshop)
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory, label == SensitivityLabel.Red ? SensitivityLabel.Amber : label);
        var title = ThreadsWorld.Unique("Secret-title");
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, label, title, "UTC", "2026-12-08T09:00", "2026-12-08T12:00", capacity: 1,
            mode: label == SensitivityLabel.Red ? WorkshopRegistrationMode.InvitationOnly : WorkshopRegistrationMode.Open);
        var (holder, waiting) = (await MembersAsync(factory, spaceId, 2)) switch { var m => (m[0], m[1]) };
        if (label == SensitivityLabel.Red)
        {
            await factory.InviteAsync(workshop.Id, organiser, holder, waiting);
        }
        await factory.RegisterAsync(workshop.Id, holder);
        Assert.Equal(WorkshopRegistrationStatus.Waiting, await factory.RegisterAsync(workshop.Id, waiting));
        await factory.WithScopeAsync(async sp => { await sp.GetRequiredService<Registrations>().CancelAsync(workshop.Id, holder.Id, CancellationToken.None); return 0; });

        var message = Assert.Single(await factory.OutboxToAsync(waiting.Email!));
        Assert.Equal(namesWorkshop, message.Subject.Contains(title, StringComparison.Ordinal));
        Assert.Equal(namesWorkshop, message.HtmlBody.Contains(title, StringComparison.Ordinal));
        Assert.Equal(label != SensitivityLabel.Red, message.HtmlBody.Contains($"/Workshops/{workshop.Id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, 6, 3)]
    [InlineData(5, 8, 5)]
    public async Task Concurrent_cancellations_promote_nobody_twice_and_never_exceed_the_capacity(int capacity, int waitingCount, int cancels)
    {
        await using var factory = new DialogueFactory();
        var (spaceId, organiser) = await SpaceAsync(factory);
        var workshop = await factory.CreateWorkshopAsync(spaceId, organiser, SensitivityLabel.Clear, ThreadsWorld.Unique("Race"), "UTC", "2026-12-08T09:00", "2026-12-08T12:00", capacity: capacity);
        var people = await MembersAsync(factory, spaceId, capacity + waitingCount);
        foreach (var person in people)
        {
            await factory.RegisterAsync(workshop.Id, person);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Each cancellation on its own scope and connection, all at once, plus a cancellation of the same person twice.
        var cancelling = people.Take(cancels).Append(people[0]).ToList();
        using var start = new ManualResetEventSlim();
        var tasks = cancelling.Select(person => Task.Run(async () =>
        {
            start.Wait();
            await factory.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<Registrations>().CancelAsync(workshop.Id, person.Id, CancellationToken.None);
                return 0;
            });
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        var statuses = await factory.StatusesAsync(workshop.Id);
        Assert.Equal(capacity, statuses.Values.Count(s => s == WorkshopRegistrationStatus.Registered));
        var promoted = people.Skip(capacity).Take(cancels).ToList();
        Assert.All(promoted, p => Assert.Equal(WorkshopRegistrationStatus.Registered, statuses[p.Id]));
        Assert.All(people.Skip(capacity + cancels), p => Assert.Equal(WorkshopRegistrationStatus.Waiting, statuses[p.Id]));
        foreach (var person in people.Skip(capacity))
        {
            Assert.Equal(promoted.Contains(person) ? 1 : 0, (await factory.OutboxToAsync(person.Email!)).Count);
        }
    }
}
