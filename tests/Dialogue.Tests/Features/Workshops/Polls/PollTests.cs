using System.Net;
using AngleSharp.Dom;
using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Data.Workshops.Polls;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Workshops.Polls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Workshops.Polls;

/// <summary>Availability polls end to end through their pages: slots across zones, validation, answers, results, decision.</summary>
public sealed class PollTests(DialogueFactory factory) : IClassFixture<DialogueFactory>
{
    private async Task<(Space Space, DialogueUser Organiser, DialogueUser[] Invitees)> SpaceAsync(
        string organiserZone, string[] inviteeZones, SensitivityLabel label = SensitivityLabel.Clear)
    {
        var space = await factory.CreateSpaceAsync(label, SpaceJoinPolicy.Closed);
        var organiser = await factory.CreateMemberAsync(null, Roles.Organiser);
        await factory.AddToSpaceAsync(space.Id, organiser);
        await factory.SetProfileAsync(organiser, organiserZone);
        var invitees = new List<DialogueUser>();
        foreach (var zone in inviteeZones)
        {
            var invitee = await factory.CreateMemberAsync();
            await factory.AddToSpaceAsync(space.Id, invitee);
            await factory.SetProfileAsync(invitee, zone);
            invitees.Add(invitee);
        }
        return (space, organiser, [.. invitees]);
    }

    private static Dictionary<string, string> Form(string title, string zone, string[] slots, DialogueUser[] invitees, int duration = 60)
    {
        var fields = new Dictionary<string, string>
        {
            ["Data.Title"] = title,
            ["Data.TimeZone"] = zone,
            ["Data.DurationMinutes"] = duration.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < 6; i++)
        {
            fields[$"Data.Slots[{i}].Date"] = i < slots.Length ? slots[i][..10] : "";
            fields[$"Data.Slots[{i}].Time"] = i < slots.Length ? slots[i][11..] : "";
        }
        for (var i = 0; i < invitees.Length; i++)
        {
            fields[$"Data.Invitees[{i}]"] = invitees[i].Id;
        }
        return fields;
    }

    [Fact]
    public async Task Slots_keep_the_organisers_wall_clock_and_each_invitee_sees_them_in_their_own_zone_across_a_dst_change()
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/London", ["America/New_York", "Asia/Shanghai"]);
        var (newYork, shanghai) = (invitees[0], invitees[1]);
        var browser = await factory.CreateSignedInBrowserAsync(organiser, followRedirects: false);
        var title = ThreadsWorld.Unique("Across the March change");
        // London changes to summer time on Sunday 28 March 2027; New York already did on 14 March.
        var response = await browser.SubmitAsync($"/Workshops/Polls/New?spaceId={space.Id}",
            Form(title, "Europe/London", ["2027-03-27T10:00", "2027-03-29T10:00"], invitees));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pollId = long.Parse(response.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var slots = await factory.SlotsAsync(pollId);
        Assert.Equal(["2027-03-27T10:00", "2027-03-29T10:00"], slots.Select(s => s.LocalStart));
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 10, 0, 0, TimeSpan.Zero), slots[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 9, 0, 0, TimeSpan.Zero), slots[1].StartsAt);

        var page = await (await factory.CreateSignedInBrowserAsync(newYork)).GetPageAsync($"/Workshops/Polls/{pollId}");
        // The same London 10:00 is 06:00 then 05:00 in New York, 18:00 then 17:00 in Shanghai.
        Assert.Contains("Sat 27 Mar, 06:00", PollsWorld.Cell(page, slots[0].Id, newYork).TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon 29 Mar, 05:00", PollsWorld.Cell(page, slots[1].Id, newYork).TextContent, StringComparison.Ordinal);
        Assert.Contains("Sat 27 Mar, 18:00", PollsWorld.Cell(page, slots[0].Id, shanghai).TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon 29 Mar, 17:00", PollsWorld.Cell(page, slots[1].Id, shanghai).TextContent, StringComparison.Ordinal);
        Assert.Contains("Mon 29 Mar, 10:00", PollsWorld.Cell(page, slots[1].Id, organiser).TextContent, StringComparison.Ordinal);
        // The answer form names each slot in the invitee's zone (its legend) with the organiser's beside it.
        var legends = page.QuerySelectorAll(".poll-answer-slot").Select(l => l.TextContent).ToList();
        Assert.Equal("Sat 27 Mar 2027, 06:00", page.QuerySelector(".poll-answer-slot legend")!.TextContent.Trim());
        Assert.Contains("Sat 27 Mar 2027, 10:00 London (UTC+00:00)", legends[0], StringComparison.Ordinal);
        Assert.Contains("Mon 29 Mar 2027, 10:00 London (UTC+01:00)", legends[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_in_the_spring_gap_is_moved_forward_and_shown_and_saved_only_when_sent_again()
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/London", ["America/New_York"]);
        var browser = await factory.CreateSignedInBrowserAsync(organiser, followRedirects: false);
        var url = $"/Workshops/Polls/New?spaceId={space.Id}";
        var first = await browser.SubmitAsync(url, Form(ThreadsWorld.Unique("Gap"), "Europe/London", ["2027-03-28T01:30"], invitees));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.ReadPageAsync();
        Assert.Contains("01:30 does not exist in Europe/London", page.QuerySelector("[data-valmsg-for='Data.Slots[0].Time']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("02:30", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Data.Slots[0].Time']")!.Value);
        Assert.Equal(0, await factory.PollsOrganisedByAsync(organiser));

        // Sending the form as it came back accepts the shifted time: 02:30 BST is 01:30 UTC.
        var second = await browser.SubmitAsync(page, url, new Dictionary<string, string>(), "form.poll-form");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var pollId = long.Parse(second.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var slot = Assert.Single(await factory.SlotsAsync(pollId));
        Assert.Equal("2027-03-28T02:30", slot.LocalStart);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), slot.StartsAt);
    }

    [Fact]
    public async Task A_time_that_occurs_twice_is_the_earlier_instant_and_the_organiser_is_told()
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/London", ["Asia/Tokyo"]);
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var response = await browser.SubmitAsync($"/Workshops/Polls/New?spaceId={space.Id}",
            Form(ThreadsWorld.Unique("Overlap"), "Europe/London", ["2027-10-31T01:30"], invitees));
        var page = await response.ReadPageAsync();
        Assert.Contains("01:30 occurs twice in Europe/London", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var pollId = long.Parse(response.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var slot = Assert.Single(await factory.SlotsAsync(pollId));
        // 01:30 BST (UTC+1), the first of the two, not 01:30 GMT.
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), slot.StartsAt);
    }

    public static TheoryData<string, string, string, string[], bool, string> BadPolls() => new()
    {
        { "no slots", "Europe/London", "Data.Slots", [], true, "Propose at least one slot." },
        { "a slot in the past", "Europe/London", "Data.Slots[1].Date", ["2027-01-10T10:00", "2026-11-22T10:00"], true, "Slot 2 is in the past." },
        { "a duplicate slot", "Europe/London", "Data.Slots[1].Date", ["2027-01-10T10:00", "2027-01-10T10:00"], true, "Slot 2 repeats an earlier slot." },
        { "an unknown zone", "Mars/Olympus_Mons", "Data.TimeZone", ["2027-01-10T10:00"], true, "Choose a time zone from the list" },
        { "a date that is not one", "Europe/London", "Data.Slots[0].Date", ["2027-02-30T10:00"], true, "Slot 1: enter a date" },
        { "nobody invited", "Europe/London", "Data.Invitees", ["2027-01-10T10:00"], false, "Invite at least one member of the space." },
    };

    [Theory]
    [MemberData(nameof(BadPolls))]
    public async Task A_bad_poll_gets_a_message_at_its_field_and_saves_nothing(string why, string zone, string field, string[] slots, bool invite, string message)
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/London", ["Africa/Nairobi"]);
        var browser = await factory.CreateSignedInBrowserAsync(organiser, followRedirects: false);
        var response = await browser.SubmitAsync($"/Workshops/Polls/New?spaceId={space.Id}",
            Form(ThreadsWorld.Unique(why), zone, slots, invite ? invitees : []));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var error = page.QuerySelector($"[data-valmsg-for='{field}']");
        Assert.True(error is not null && error.TextContent.Contains(message, StringComparison.Ordinal),
            $"{why}: expected “{message}” at {field}, page errors: {page.QuerySelector(".errors")?.TextContent}");
        Assert.Equal(0, await factory.PollsOrganisedByAsync(organiser));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.ActorId == organiser.Id)));
    }

    [Fact]
    public async Task Night_burdens_are_marked_per_person_and_slots_sort_by_yes_answers_then_fewer_burdens()
    {
        var (space, organiser, invitees) = await SpaceAsync("Asia/Shanghai", ["Europe/London", "America/New_York"]);
        var (london, newYork) = (invitees[0], invitees[1]);
        // In Shanghai (UTC+8): 21:00 is 13:00 London, 08:00 New York; 09:00 is 01:00 London; 16:00 is 03:00 New York;
        // 23:00 is the organiser's own night.
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Clear, "Asia/Shanghai",
            ["2026-12-01T21:00", "2026-12-02T09:00", "2026-12-03T16:00", "2026-12-04T23:00"], invitees);
        var slots = (await factory.SlotsAsync(pollId)).Select(s => s.Id).ToArray();
        var (evening, morning, afternoon, late) = (slots[0], slots[1], slots[2], slots[3]);

        async Task AnswerAsync(DialogueUser who, params string[] choices)
        {
            var browser = await factory.CreateSignedInBrowserAsync(who, followRedirects: false);
            var fields = slots.Select((id, i) => (id, i)).ToDictionary(s => $"Answers[{s.id}]", s => choices[s.i]);
            var response = await browser.SubmitAsync($"/Workshops/Polls/{pollId}", fields, "form[action*='handler=Answer']");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await AnswerAsync(london, "Yes", "Yes", "Yes", "No");
        await AnswerAsync(newYork, "Yes", "No", "Yes", "Yes");

        var page = await (await factory.CreateSignedInBrowserAsync(organiser)).GetPageAsync($"/Workshops/Polls/{pollId}");
        // Two yes and no burden; two yes and one; then one yes and one burden each, earlier first.
        Assert.Equal([evening, afternoon, morning, late], PollsWorld.GridOrder(page));
        string Night(long slot, DialogueUser who) => PollsWorld.Cell(page, slot, who).GetAttribute("data-night")!;
        Assert.Equal(["false", "false", "false"], new[] { Night(evening, organiser), Night(evening, london), Night(evening, newYork) });
        Assert.Equal(["false", "true", "false"], new[] { Night(morning, organiser), Night(morning, london), Night(morning, newYork) });
        Assert.Equal(["false", "false", "true"], new[] { Night(afternoon, organiser), Night(afternoon, london), Night(afternoon, newYork) });
        Assert.Equal(["true", "false", "false"], new[] { Night(late, organiser), Night(late, london), Night(late, newYork) });
        Assert.Equal(["0", "1", "1", "1"], page.QuerySelectorAll(".poll-grid tbody td[data-burdens]").Select(c => c.GetAttribute("data-burdens")!));
        Assert.Contains("Night", PollsWorld.Cell(page, morning, london).TextContent, StringComparison.Ordinal);
        Assert.Contains("Tue 1 Dec, 20:00", PollsWorld.Cell(page, morning, newYork).TextContent, StringComparison.Ordinal);
        // The table is read row by row by a screen reader: a caption, column and row headers.
        Assert.NotNull(page.QuerySelector(".poll-grid caption"));
        Assert.Equal(4, page.QuerySelectorAll(".poll-grid tbody th[scope=row]").Length);
    }

    [Fact]
    public async Task An_invitee_changes_an_answer_and_keeps_one_answer_per_slot()
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/Berlin", ["Africa/Nairobi"]);
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Clear, "Europe/Berlin", ["2027-01-12T15:00"], invitees);
        var slot = Assert.Single(await factory.SlotsAsync(pollId));
        var browser = await factory.CreateSignedInBrowserAsync(invitees[0]);
        await browser.SubmitAsync($"/Workshops/Polls/{pollId}", new Dictionary<string, string> { [$"Answers[{slot.Id}]"] = "Yes" }, "form[action*='handler=Answer']");
        var page = await (await browser.SubmitAsync($"/Workshops/Polls/{pollId}",
            new Dictionary<string, string> { [$"Answers[{slot.Id}]"] = "IfNeedBe" }, "form[action*='handler=Answer']")).ReadPageAsync();

        var answer = Assert.Single(await factory.WithDbAsync(db => db.WorkshopPollAnswers.AsNoTracking().Where(a => a.PollId == pollId).ToListAsync()));
        Assert.Equal(WorkshopPollChoice.IfNeedBe, answer.Choice);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name='Answers[{slot.Id}]'][value=IfNeedBe]")!.IsChecked);
        Assert.Contains("If need be", PollsWorld.Cell(page, slot.Id, invitees[0]).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitee_without_a_time_zone_of_their_own_is_asked_for_one()
    {
        var (space, organiser, invitees) = await SpaceAsync("Asia/Shanghai", ["UTC", "Europe/London"]);
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Clear, "Asia/Shanghai", ["2027-01-12T15:00"], invitees);
        var unset = await (await factory.CreateSignedInBrowserAsync(invitees[0])).GetPageAsync($"/Workshops/Polls/{pollId}");
        var prompt = unset.QuerySelector(".poll-zone-missing");
        Assert.NotNull(prompt);
        Assert.Contains("shown in UTC", prompt!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Accounts/Profile", prompt.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null((await (await factory.CreateSignedInBrowserAsync(invitees[1])).GetPageAsync($"/Workshops/Polls/{pollId}")).QuerySelector(".poll-zone-missing"));
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear)]
    [InlineData(SensitivityLabel.Green)]
    [InlineData(SensitivityLabel.Amber)]
    [InlineData(SensitivityLabel.AmberStrict)]
    [InlineData(SensitivityLabel.Red)]
    public async Task Deciding_tells_the_invitees_in_app_and_by_email_as_the_label_allows_and_opens_the_prefilled_workshop_form(SensitivityLabel label)
    {
        var (space, organiser, invitees) = await SpaceAsync("Asia/Shanghai", ["America/New_York", "Europe/London"]);
        var chinese = invitees[1];
        await factory.SetProfileAsync(chinese, "Europe/London", "zh-Hans");
        var title = ThreadsWorld.Unique("Decided & chosen");
        var description = "secret-agenda-" + label;
        var pollId = await factory.CreatePollAsync(space.Id, organiser, label, "Asia/Shanghai",
            ["2026-12-01T21:00", "2026-12-02T09:00"], invitees, title, 90, description);
        var slot = (await factory.SlotsAsync(pollId))[0];

        var browser = await factory.CreateSignedInBrowserAsync(organiser, followRedirects: false);
        var response = await browser.SubmitAsync($"/Workshops/Polls/{pollId}",
            new Dictionary<string, string> { ["slotId"] = slot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "form[action*='handler=Decide']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            $"/Workshops/New?spaceId={space.Id}&title={Uri.EscapeDataString(title)}&start=2026-12-01T21:00&end=2026-12-01T22:30&zone=Asia%2FShanghai&fromPoll={pollId}",
            response.Headers.Location!.ToString());

        var poll = await factory.WithDbAsync(db => db.WorkshopPolls.AsNoTracking().SingleAsync(p => p.Id == pollId));
        Assert.Equal((WorkshopPollStatus.Decided, slot.Id), (poll.Status, poll.DecidedSlotId));
        // Deciding twice changes nothing and tells nobody twice.
        var again = await browser.PostAsync($"/Workshops/Polls/{pollId}?handler=Decide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["slotId"] = slot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = await PollsWorld.TokenAsync(browser),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);

        foreach (var invitee in invitees)
        {
            var notifications = await factory.WithDbAsync(db => db.Notifications.AsNoTracking()
                .Where(n => n.RecipientId == invitee.Id && n.Kind == NotificationKind.WorkshopPollDecided).ToListAsync());
            Assert.Equal(PollNotifications.MessageFor(pollId), Assert.Single(notifications).Message);
            var mail = Assert.Single(await factory.OutboxToAsync(invitee.Email!), m => m.Kind == PollNotifications.DecidedEmailKind);
            var all = mail.Subject + "\n" + mail.HtmlBody + "\n" + mail.TextBody;
            Assert.StartsWith($"[{Dialogue.Web.Features.Access.LabelTagHelper.Name(label)}] ", mail.Subject, StringComparison.Ordinal);
            var named = label is SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber;
            Assert.Equal(named, mail.HtmlBody.Contains(title.Replace("&", "&amp;", StringComparison.Ordinal), StringComparison.Ordinal));
            Assert.Equal(named, mail.Subject.Contains(title, StringComparison.Ordinal));
            Assert.Equal(label is SensitivityLabel.Clear or SensitivityLabel.Green or SensitivityLabel.Amber, all.Contains(description, StringComparison.Ordinal));
            Assert.Equal(label != SensitivityLabel.Red, all.Contains($"/Workshops/Polls/{pollId}", StringComparison.Ordinal));
            if (named && invitee == invitees[0])
            {
                // In the recipient's own zone, the organiser's beside it: 21:00 in Shanghai is 08:00 in New York.
                Assert.Contains("Tue 1 Dec 2026, 08:00 New York (UTC-05:00)", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("For the organiser: Tue 1 Dec 2026, 21:00 Shanghai (UTC+08:00)", mail.TextBody, StringComparison.Ordinal);
            }
            if (named && invitee == chinese)
            {
                Assert.Contains("2026年12月1日 周二 13:00 London", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("已选定时间", mail.Subject, StringComparison.Ordinal);
            }
            if (label == SensitivityLabel.Red)
            {
                Assert.Contains("/Threads/Notifications", mail.HtmlBody, StringComparison.Ordinal);
            }
        }

        // The in-app notification reads as a sentence with the poll's title and leads to it.
        var list = await (await factory.CreateSignedInBrowserAsync(invitees[0])).GetPageAsync("/Threads/Notifications");
        var item = list.QuerySelectorAll(".notifications li a").First(a => a.TextContent.Contains("chose a time", StringComparison.Ordinal));
        Assert.Contains(title, item.TextContent, StringComparison.Ordinal);
        Assert.Contains(organiser.DisplayName, item.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Workshops/Polls/{pollId}", item.GetAttribute("href"));
        Assert.Contains(list.QuerySelectorAll(".notifications li a"), a => a.TextContent.Contains("asks when you can attend", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_results_stay_visible_after_the_decision_and_answers_are_closed()
    {
        var (space, organiser, invitees) = await SpaceAsync("Asia/Shanghai", ["Europe/London"]);
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Green, "Asia/Shanghai", ["2026-12-01T21:00"], invitees);
        var slot = Assert.Single(await factory.SlotsAsync(pollId));
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Dialogue.Data.DialogueDbContext>();
            var viewer = await Dialogue.Web.Features.Access.ViewerLoader.ForUserAsync(db, organiser.Id, CancellationToken.None);
            return await sp.GetRequiredService<DetailsModel.Handler>().DecideAsync(pollId, slot.Id, viewer, CancellationToken.None);
        });
        var browser = await factory.CreateSignedInBrowserAsync(invitees[0], followRedirects: false);
        var page = await browser.GetPageAsync($"/Workshops/Polls/{pollId}");
        Assert.Contains("Tue 1 Dec 2026, 13:00 London", page.QuerySelector(".poll-decision")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Answer']"));
        var late = await browser.PostAsync($"/Workshops/Polls/{pollId}?handler=Answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [$"Answers[{slot.Id}]"] = "Yes",
            ["__RequestVerificationToken"] = await PollsWorld.TokenAsync(browser),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task The_organiser_closes_a_poll_without_choosing_and_nobody_is_told()
    {
        var (space, organiser, invitees) = await SpaceAsync("Europe/Paris", ["Asia/Tokyo"]);
        var pollId = await factory.CreatePollAsync(space.Id, organiser, SensitivityLabel.Clear, "Europe/Paris", ["2027-01-12T09:00"], invitees);
        var browser = await factory.CreateSignedInBrowserAsync(organiser);
        var page = await (await browser.SubmitAsync($"/Workshops/Polls/{pollId}", new Dictionary<string, string>(), "form[action*='handler=Close']")).ReadPageAsync();

        Assert.Contains("This poll is closed.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Decide'] button[name=slotId]"));
        Assert.Equal(WorkshopPollStatus.Closed, await factory.WithDbAsync(db => db.WorkshopPolls.Where(p => p.Id == pollId).Select(p => p.Status).SingleAsync()));
        Assert.Empty(await factory.OutboxToAsync(invitees[0].Email!));
    }
}
