using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Workshops;
using Dialogue.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Dialogue.Web.Features.Workshops;

/// <summary>
/// The demo's workshops, written through the app's own editor and registration services: a public workshop planned in
/// Shanghai whose agenda crosses midnight for readers in the Americas, a full Chinese one with a waiting list, and one
/// each of GREEN (by approval), AMBER and RED (by invitation), plus a past one with minutes.
/// </summary>
public sealed class WorkshopsDemo(DialogueDbContext db, WorkshopEditor editor, Registrations registrations) : IDemoPart
{
    private int created;

    private sealed record Session(string Title, string? Speakers, int StartMinutes, int Minutes, string? Location = null);

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var agents = await CreateAsync(site, "open-research", "li.wei", "Asia/Shanghai", 9, new LocalTime(10, 0), 240, SensitivityLabel.Clear,
            "Evaluating agents across languages",
            "A morning in Beijing, an evening in the Americas, an early start in Europe.\n\nWe compare agent evaluations run in **Chinese and English** on the same tasks, and ask which differences are the model's and which are the benchmark's.\n\n- Bring one result you could not explain.\n- Slides in either language; summaries are given in both.",
            capacity: 40, WorkshopRegistrationMode.Open, "https://meet.example.org/agents-across-languages", null, ct,
            new Session("Opening: why agent evals drift across languages", "Li Wei", 0, 30),
            new Session("Panel: tool use in Chinese vs. English prompts", "Chen Yu, Sarah Okafor", 30, 75),
            new Session("Break", null, 105, 15),
            new Session("Breakout: grading final states, not transcripts", "Babatunde Adeyemi", 120, 75, "https://meet.example.org/breakout-1"),
            new Session("Wrap-up and next steps", null, 195, 45));
        await RegisterAsync(site, agents, ["sarah", "kenji", "marie", "ana", "jonas"], ct);

        var chinese = await CreateAsync(site, "chinese-exchange", "chen.yu", "Asia/Shanghai", 12, new LocalTime(14, 0), 120, SensitivityLabel.Clear,
            "中文安全评测研讨会：红队数据集",
            "本次研讨会讨论中文红队测试数据集的构建与共享。\n\n名额有限（线下会议室只有三个座位），报满后可加入候补名单，有人取消时按顺序递补并以邮件通知。",
            capacity: 3, WorkshopRegistrationMode.Open, null, "上海人工智能实验室 3 楼会议室", ct,
            new Session("开场：为什么需要中文红队数据", "陈宇", 0, 30, "3 楼会议室"),
            new Session("数据集分享与讨论", "张敏, 李伟", 30, 90, "3 楼会议室"));
        await RegisterAsync(site, chinese, ["zhang.min", "li.wei", "kenji", "sarah", "marie"], ct);

        var call = await CreateAsync(site, "members-lounge", "li.wei", "Europe/London", 20, new LocalTime(13, 0), 90, SensitivityLabel.Green,
            "Monthly members' call: choosing a time that works for everyone",
            "The monthly call rotates between three slots so nobody always joins at night. This month: 13:00 London.",
            capacity: null, WorkshopRegistrationMode.Approval, "https://meet.example.org/monthly", null, ct);
        await RegisterAsync(site, call, ["marie", "olga"], ct);

        var readout = await CreateAsync(site, "frontier-evaluations", "tunde", "Africa/Lagos", 6, new LocalTime(15, 0), 60, SensitivityLabel.Amber,
            "Readout: cyber uplift eval, pre-release results",
            "Results for members of the space only. Do not forward the slides.",
            capacity: 12, WorkshopRegistrationMode.Open, "https://meet.example.org/readout", null, ct);
        await RegisterAsync(site, readout, ["kenji", "sarah"], ct);

        var red = await CreateAsync(site, "track-two", "li.wei", "Asia/Shanghai", 15, new LocalTime(21, 0), 90, SensitivityLabel.Red,
            "Track-two session: incident reporting norms",
            "Off the record. Participants only.",
            capacity: 6, WorkshopRegistrationMode.InvitationOnly, null, null, ct);
        await registrations.InviteAsync(red.Id, [site.UserIds["sarah"], site.UserIds["olga"]], site.UserIds["li.wei"], ct);
        await RegisterAsync(site, red, ["sarah"], ct);

        var past = await CreateAsync(site, "open-research", "li.wei", "Asia/Shanghai", -10, new LocalTime(9, 0), 120, SensitivityLabel.Clear,
            "Sandboxed agent environments: lessons learned",
            "A look back at three months of running agents in sandboxes.",
            capacity: null, WorkshopRegistrationMode.Open, "https://meet.example.org/sandboxes", null, ct);
        var minutes = "## Outcomes\n\n1. Log every tool call.\n2. Reset the sandbox between episodes.\n3. Grade on the final state, not on the transcript.\n\n下次会议将讨论中文任务的评分标准。";
        past.MinutesSource = minutes;
        past.MinutesHtml = editor.Render(minutes);
        past.MinutesUpdatedAt = site.Now;
        past.MinutesAnnouncedAt = site.Now; // published long ago: a demo edit is a correction, not news
        await db.SaveChangesAsync(ct);
    }

    private async Task<Workshop> CreateAsync(
        DemoSite site, string space, string organiser, string zoneId, int inDays, LocalTime at, int minutes, SensitivityLabel label,
        string title, string description, int? capacity, WorkshopRegistrationMode mode, string? link, string? venue, CancellationToken ct,
        params Session[] sessions)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = WorkshopTime.InZone(site.Now, zone).Date.PlusDays(inDays).At(at);
        var end = start.PlusMinutes(minutes);
        var form = new WorkshopForm
        {
            Title = title,
            Description = description,
            Label = label,
            TimeZone = zoneId,
            Capacity = capacity,
            Mode = mode,
            Start = WorkshopTime.FormatInput(start),
            End = WorkshopTime.FormatInput(end),
            OnlineLink = link,
            Venue = venue,
        };
        var errors = new ModelStateDictionary();
        var input = editor.Check(form, label, null, errors)
            ?? throw new InvalidOperationException($"Demo workshop “{title}” is invalid: {string.Join("; ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))}");
        var workshop = await editor.CreateAsync(site.SpaceIds[space], input, site.Viewers(organiser), ct);
        // Scheduled some days ago, like the rest of the demo's history: the workshop, its thread and the thread's first post.
        var scheduled = site.Now.AddHours(-30 - (12 * ++created));
        workshop.CreatedAt = workshop.UpdatedAt = scheduled;
        await db.Threads.Where(t => t.Id == workshop.ThreadId)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, scheduled).SetProperty(t => t.LastActivityAt, scheduled), ct);
        await db.Posts.Where(p => p.ThreadId == workshop.ThreadId).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, scheduled), ct);
        var order = 0;
        foreach (var session in sessions)
        {
            var from = start.PlusMinutes(session.StartMinutes);
            var to = from.PlusMinutes(session.Minutes);
            db.WorkshopSessions.Add(new WorkshopSession
            {
                WorkshopId = workshop.Id,
                Title = session.Title,
                Speakers = session.Speakers,
                Location = session.Location,
                SortOrder = ++order,
                LocalStart = from,
                LocalEnd = to,
                StartsAt = WorkshopTime.ToInstant(from, zone),
                EndsAt = WorkshopTime.ToInstant(to, zone),
            });
        }
        await db.SaveChangesAsync(ct);
        return workshop;
    }

    private async Task RegisterAsync(DemoSite site, Workshop workshop, string[] people, CancellationToken ct)
    {
        foreach (var person in people)
        {
            await registrations.RegisterAsync(workshop.Id, site.UserIds[person], ct);
        }
    }
}
