using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Threads;
using Dialogue.Web.Infrastructure.Data;

namespace Dialogue.Web.Features.Privacy;

/// <summary>
/// The demo's scheduled threads: an English announcement in Open research (seen by its author, Kenji, and the site's
/// moderator and admin until it appears) and a Chinese one in 中文交流 (its author, Zhang Min, and the space moderator Chen Yu).
/// </summary>
public sealed class EmbargoDemoPart(DialogueDbContext db, Posting posting) : IDemoPart
{
    public const string EnglishTitle = "Embargoed until the paper is out: refusal robustness under fine-tuning";
    public const string ChineseTitle = "论文公开前暂不发布：中文安全评测基准的初步结果";

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        if (!site.SpaceIds.TryGetValue("open-research", out var open) || !site.SpaceIds.TryGetValue("chinese-exchange", out var chinese))
        {
            return;
        }
        var english = await posting.StartThreadAsync(new Posting.NewThread(open, EnglishTitle, SensitivityLabel.Clear, ["preprint", "fine-tuning"],
            "Our preprint goes public on Thursday. Summary for discussion once it is out: 200 steps of benign fine-tuning removed " +
            "most refusal behaviour in four of the seven model families we tested. Data and grader prompts will be linked here.",
            [], EmbargoUntil: site.Now.AddDays(3)), site.Viewers("kenji"), ct, trusted: true);
        var chineseThread = await posting.StartThreadAsync(new Posting.NewThread(chinese, ChineseTitle, SensitivityLabel.Clear, ["评测", "preprint"],
            "我们的中文安全评测基准将在下周公开。初步结果：在越狱提示的中文版本上，七个模型中有五个的拒答率低于英文版本。" +
            "论文公开后我们会在这里贴出数据和评分提示。 (Results of our Chinese-language safety benchmark, scheduled to appear with the paper.)",
            [], EmbargoUntil: site.Now.AddDays(4)), site.Viewers("zhang.min"), ct, trusted: true);
        // Written earlier in the day, as their authors would have, so the demo's activity lies in the past.
        await DemoSeeder.BackdateAsync(db, english.Id, [(english.Posts[0].Id, site.Now.AddHours(-5))], ct);
        await DemoSeeder.BackdateAsync(db, chineseThread.Id, [(chineseThread.Posts[0].Id, site.Now.AddHours(-3))], ct);
    }
}
