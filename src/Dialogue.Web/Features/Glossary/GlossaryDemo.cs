using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Infrastructure.Data;
using GlossaryEntity = Dialogue.Data.Glossary.Glossary;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The demo's glossaries: a public (CLEAR) AI-safety glossary in English and Chinese, with Russian and French for some
/// entries and every term status, curated by Jonas (GlossaryEditor role) and Chen Yu (appointed); a restricted AMBER
/// glossary of the Frontier evaluations space; and proposals in every state, from the demo's own members.
/// </summary>
public sealed class GlossaryDemo(DialogueDbContext db, GlossaryEntries entries, TimeProvider clock) : IDemoPart
{
    private const TermStatus P = TermStatus.Preferred, A = TermStatus.Admitted, D = TermStatus.Deprecated, S = TermStatus.Superseded, N = TermStatus.Proposed;

    private sealed record T(string Lang, string Text, TermStatus Status, string Context = "");
    private sealed record E(string Key, string Subject, string En, string Zh, T[] Terms, string[]? Related = null, string? Ru = null, string? Fr = null);

    private static readonly E[] Public =
    [
        new("alignment", "alignment", "Making an AI system pursue the goals and values its developers and users intend.", "使人工智能系统追求其开发者和使用者所期望的目标与价值。",
            [new("en", "alignment", P, "Alignment research asks whether a model's goals match ours."), new("en", "AI alignment", A), new("en", "value alignment", A), new("en", "friendly AI", S),
             new("zh-Hans", "对齐", P, "对齐研究关注模型的目标是否与人类一致。"), new("zh-Hans", "人工智能对齐", A), new("zh-Hans", "校准", D),
             new("ru", "согласование", P), new("ru", "выравнивание", A), new("fr", "alignement", P)],
            ["inner-alignment", "outer-alignment", "deceptive-alignment"], "Приведение целей системы ИИ в соответствие с намерениями людей.", "Faire en sorte qu'un système d'IA poursuive les objectifs voulus par ses concepteurs."),
        new("red-teaming", "evaluation", "Probing a system adversarially, as an attacker would, to find failures before deployment.", "以攻击者的方式对系统进行对抗性探测，在部署前发现问题。",
            [new("en", "red teaming", P, "The lab ran two weeks of red teaming before release."), new("en", "adversarial testing", A),
             new("zh-Hans", "红队测试", P), new("zh-Hans", "红队演练", A), new("zh-Hans", "红队攻击", D), new("ru", "ред-тиминг", A), new("fr", "red teaming", A)],
            ["jailbreak", "prompt-injection"]),
        new("reward-hacking", "training", "A learned policy earning high reward by exploiting flaws in the reward signal rather than doing the intended task.", "策略利用奖励信号的缺陷获得高奖励，而不是完成预期任务。",
            [new("en", "reward hacking", P), new("en", "reward gaming", A), new("zh-Hans", "奖励投机", P), new("zh-Hans", "奖励黑客", D), new("zh-Hans", "奖励破解", A), new("fr", "piratage de la récompense", A)],
            ["specification-gaming"]),
        new("interpretability", "interpretability", "Understanding why a model produces its outputs, in terms a human can check.", "以人类可以检验的方式理解模型为何产生其输出。",
            [new("en", "interpretability", P), new("en", "explainability", A), new("zh-Hans", "可解释性", P), new("ru", "интерпретируемость", P), new("fr", "interprétabilité", P)],
            ["mech-interp", "probe", "sae"]),
        new("jailbreak", "security", "An input crafted to make a model ignore its safety training and produce content it would refuse.", "精心构造的输入，使模型绕过安全训练，产生本应拒绝的内容。",
            [new("en", "jailbreak", P, "A role-play jailbreak still works in three languages."), new("zh-Hans", "越狱", P), new("zh-Hans", "越狱攻击", A), new("ru", "джейлбрейк", P), new("fr", "jailbreak", P), new("fr", "débridage", N)],
            ["prompt-injection"]),
        new("mech-interp", "interpretability", "Reverse-engineering the computations inside a network into human-understandable algorithms.", "将神经网络内部的计算逆向解析为人类可理解的算法。",
            [new("en", "mechanistic interpretability", P), new("en", "mech interp", A), new("zh-Hans", "机制可解释性", P), new("zh-Hans", "机理可解释性", A)], ["sae"]),
        new("specification-gaming", "training", "Satisfying the literal specification of an objective without achieving its intended outcome.", "满足目标的字面规定，却没有实现其预期结果。",
            [new("en", "specification gaming", P), new("zh-Hans", "规范博弈", P), new("zh-Hans", "规格投机", A)]),
        new("deceptive-alignment", "alignment", "A model that appears aligned during training because it infers that doing so serves other goals later.", "模型在训练中表现得对齐，是因为它推断这样做有利于日后实现其他目标。",
            [new("en", "deceptive alignment", P), new("zh-Hans", "欺骗性对齐", P), new("zh-Hans", "伪装对齐", A)]),
        new("scalable-oversight", "oversight", "Methods that let humans supervise systems more capable than themselves.", "使人类能够监督比自己更强的系统的方法。",
            [new("en", "scalable oversight", P), new("zh-Hans", "可扩展监督", P), new("zh-Hans", "可扩展的监督", A), new("ru", "масштабируемый надзор", P)], ["debate"]),
        new("sandbagging", "evaluation", "A model strategically underperforming on an evaluation.", "模型在评测中有策略地故意表现不佳。",
            [new("en", "sandbagging", P), new("en", "strategic underperformance", A), new("zh-Hans", "策略性低表现", P), new("zh-Hans", "装傻", A)], ["evaluation-awareness"]),
        new("prompt-injection", "security", "Instructions hidden in data a model reads (a web page, an email) that override the user's instructions.", "隐藏在模型读取的数据（网页、邮件）中、覆盖用户指令的指令。",
            [new("en", "prompt injection", P), new("en", "indirect prompt injection", A), new("zh-Hans", "提示注入", P), new("zh-Hans", "提示词注入", A), new("fr", "injection de prompt", P)]),
        new("rlhf", "training", "Fine-tuning a model with a reward model trained on human preference judgements.", "使用基于人类偏好判断训练的奖励模型来微调模型。",
            [new("en", "reinforcement learning from human feedback", P), new("en", "RLHF", A), new("zh-Hans", "基于人类反馈的强化学习", P), new("zh-Hans", "RLHF", A)], ["constitutional-ai"]),
        new("constitutional-ai", "training", "Training a model to critique and revise its outputs against a written set of principles.", "训练模型依据一组书面原则批评并修改自己的输出。",
            [new("en", "constitutional AI", P), new("zh-Hans", "宪法式人工智能", P), new("zh-Hans", "宪法AI", A)]),
        new("alignment-tax", "alignment", "The cost in capability or money of making a system aligned.", "为使系统对齐而付出的能力或经济代价。",
            [new("en", "alignment tax", P), new("en", "safety tax", A), new("zh-Hans", "对齐税", P), new("zh-Hans", "对齐代价", A)]),
        new("model-organism", "alignment", "A model deliberately built to exhibit a failure, so the failure can be studied.", "为研究某种失效而特意构建、表现出该失效的模型。",
            [new("en", "model organism of misalignment", P), new("zh-Hans", "未对齐模式生物", P), new("zh-Hans", "模式生物", A)]),
        new("elicitation", "evaluation", "Getting a model to show the most it can do, so an evaluation does not underestimate it.", "让模型展示其全部能力，以免评测低估它。",
            [new("en", "capability elicitation", P), new("zh-Hans", "能力激发", P), new("zh-Hans", "能力引出", A)]),
        new("dangerous-capability", "evaluation", "An evaluation of whether a model could meaningfully help cause serious harm.", "评估模型是否可能实质性地帮助造成严重危害。",
            [new("en", "dangerous capability evaluation", P), new("zh-Hans", "危险能力评估", P)]),
        new("unlearning", "training", "Removing specific knowledge or behaviour from a trained model.", "从已训练的模型中移除特定知识或行为。",
            [new("en", "machine unlearning", P), new("en", "unlearning", A), new("zh-Hans", "机器遗忘", P), new("zh-Hans", "机器反学习", A)]),
        new("goal-misgeneralization", "alignment", "A model competently pursuing a goal that differs from the intended one outside its training distribution.", "模型在训练分布之外有能力地追求一个与预期不同的目标。",
            [new("en", "goal misgeneralization", P), new("zh-Hans", "目标错误泛化", P), new("zh-Hans", "目标误泛化", A)]),
        new("inner-alignment", "alignment", "Whether the goal a model actually learned matches the objective it was trained on.", "模型实际习得的目标是否与其训练目标一致。",
            [new("en", "inner alignment", P), new("zh-Hans", "内部对齐", P)]),
        new("outer-alignment", "alignment", "Whether the training objective itself captures what the developers intend.", "训练目标本身是否体现了开发者的意图。",
            [new("en", "outer alignment", P), new("zh-Hans", "外部对齐", P)]),
        new("corrigibility", "alignment", "A system's disposition to accept correction, modification and shutdown.", "系统接受纠正、修改和关闭的倾向。",
            [new("en", "corrigibility", P), new("zh-Hans", "可纠正性", P), new("zh-Hans", "可修正性", A), new("ru", "корригируемость", P)]),
        new("situational-awareness", "evaluation", "A model's knowledge of its own situation: that it is a model, being trained or tested, and by whom.", "模型对自身处境的认知：知道自己是模型，正在被训练或测试，以及被谁测试。",
            [new("en", "situational awareness", P), new("zh-Hans", "情境感知", P), new("zh-Hans", "态势感知", D)], ["evaluation-awareness"]),
        new("probe", "interpretability", "A small classifier trained on a model's activations to read out a property.", "在模型激活值上训练、用于读出某种属性的小型分类器。",
            [new("en", "probe", P, "A linear probe separates honest from deceptive answers."), new("en", "linear probe", A), new("zh-Hans", "探针", P), new("zh-Hans", "线性探针", A)]),
        new("sae", "interpretability", "An autoencoder with a sparse hidden layer, used to split activations into interpretable features.", "隐藏层稀疏的自编码器，用于将激活分解为可解释的特征。",
            [new("en", "sparse autoencoder", P), new("en", "SAE", A), new("zh-Hans", "稀疏自编码器", P)]),
        new("frontier-model", "governance", "A general-purpose model at or near the most capable available.", "能力处于或接近当前最强水平的通用模型。",
            [new("en", "frontier model", P), new("en", "frontier AI", A), new("zh-Hans", "前沿模型", P), new("zh-Hans", "尖端模型", D), new("fr", "modèle de pointe", P)]),
        new("compute-threshold", "governance", "A training-compute level above which regulation imposes extra duties.", "训练算力达到该水平以上时，法规施加额外义务。",
            [new("en", "compute threshold", P), new("zh-Hans", "算力阈值", P), new("zh-Hans", "计算阈值", A)], ["frontier-model"]),
        new("rsp", "governance", "A developer's commitment to pause or add safeguards when models reach defined capability levels.", "开发者承诺在模型达到特定能力水平时暂停或增加防护措施。",
            [new("en", "responsible scaling policy", P), new("en", "RSP", A), new("zh-Hans", "负责任扩展政策", P)]),
        new("model-weights", "security", "The learned parameters of a model; whoever holds them can run and modify it.", "模型习得的参数；持有者即可运行和修改模型。",
            [new("en", "model weights", P), new("zh-Hans", "模型权重", P), new("ru", "веса модели", P)]),
        new("ai-safety", "general", "The field that studies how to prevent harm from AI systems, from accidents to misuse.", "研究如何防止人工智能系统造成危害（从事故到滥用）的领域。",
            [new("en", "AI safety", P), new("zh-Hans", "人工智能安全", P), new("zh-Hans", "AI安全", A), new("ru", "безопасность ИИ", P), new("fr", "sûreté de l'IA", P), new("fr", "sécurité de l'IA", A)], ["alignment"]),
        new("hallucination", "evaluation", "A fluent output that is not supported by the input or by facts.", "流畅但没有输入或事实依据的输出。",
            [new("en", "hallucination", P), new("en", "confabulation", A), new("zh-Hans", "幻觉", P), new("zh-Hans", "虚构", A)]),
        new("debate", "oversight", "Two models argue opposite sides so a human judge can find the truth more easily than alone.", "两个模型就对立观点辩论，使人类裁判比独自判断更容易找到真相。",
            [new("en", "AI safety via debate", P), new("en", "debate", A), new("zh-Hans", "辩论式安全", P), new("zh-Hans", "辩论", A)]),
        new("agentic-misalignment", "alignment", "An agent taking harmful actions on its own initiative to pursue a goal.", "智能体为追求目标而主动采取有害行动。",
            [new("en", "agentic misalignment", N), new("zh-Hans", "智能体失准", N), new("zh-Hans", "智能体未对齐", N)], ["alignment"]),
    ];

    private static readonly E[] Restricted =
    [
        new("uplift", "evaluation", "A controlled study of how much a model helps people beyond what they could do with the internet alone.", "受控研究：模型在互联网之外能为人们提供多少额外帮助。",
            [new("en", "uplift study", P), new("zh-Hans", "能力提升研究", P)]),
        new("contamination", "evaluation", "Evaluation items leaking into training data, inflating scores.", "评测题目泄漏到训练数据中，导致分数虚高。",
            [new("en", "eval contamination", P), new("en", "benchmark leakage", A), new("zh-Hans", "评测污染", P)]),
        new("holdout", "evaluation", "An evaluation set kept unpublished so models cannot be trained on it.", "不公开发布、以免模型在其上训练的评测集。",
            [new("en", "private holdout set", P), new("zh-Hans", "私有保留集", P)]),
        new("threshold-crossing", "evaluation", "The result that triggers a developer's next safeguard level.", "触发开发者下一级防护措施的评测结果。",
            [new("en", "threshold crossing", P), new("zh-Hans", "阈值触发", P)]),
    ];

    public async Task SeedAsync(DemoSite site, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var jonas = site.UserIds["jonas"];
        var chen = site.UserIds["chen.yu"];
        var open = new GlossaryEntity
        {
            Name = "AI safety glossary · 人工智能安全术语表",
            Description = "Shared terms of AI safety research in English and Chinese, with Russian and French where members added them. 英中对照的人工智能安全研究术语。",
            Label = SensitivityLabel.Clear,
            CreatedAt = now.AddDays(-30),
            CreatedById = jonas,
            Editors = [new GlossaryEditor { UserId = chen, AppointedById = jonas, AppointedAt = now.AddDays(-30) }],
        };
        var spaceId = site.SpaceIds["frontier-evaluations"];
        var restricted = new GlossaryEntity
        {
            Name = "Frontier evaluations: working terms",
            Description = "Terms used in the space's unpublished evaluation reports.",
            SpaceId = spaceId,
            Label = SensitivityLabel.Amber,
            CreatedAt = now.AddDays(-20),
            CreatedById = site.UserIds["tunde"],
            Editors = [new GlossaryEditor { UserId = jonas, AppointedById = site.UserIds["tunde"], AppointedAt = now.AddDays(-20) }],
        };
        db.Glossaries.AddRange(open, restricted);
        await db.SaveChangesAsync(ct);

        var openIds = await WriteAsync(View(open, site.Viewers("jonas"), curate: true), Public, ct);
        var restrictedIds = await WriteAsync(View(restricted, site.Viewers("tunde"), curate: true), Restricted, ct);

        // Later edits, so entries have a history worth comparing.
        var asChen = View(open, site.Viewers("chen.yu"), curate: true);
        var alignment = Public[0];
        await entries.SaveAsync(asChen, openIds["alignment"], Snapshot(alignment with
        {
            Zh = "使人工智能系统的目标、偏好和行为符合其开发者和使用者的意图与价值。",
        }, openIds), "更精确的中文定义 (a more precise Chinese definition)", ct);
        var hacking = Public[2];
        await entries.SaveAsync(View(open, site.Viewers("jonas"), curate: true), openIds["reward-hacking"], Snapshot(hacking with
        {
            Terms = [.. hacking.Terms, new T("ru", "взлом вознаграждения", A)],
        }, openIds), "Russian term from Olga's note", ct);

        // Proposals in every state.
        var sarah = View(open, site.Viewers("sarah"), curate: false);
        await entries.ProposeAsync(sarah, null, Snapshot(new E("evaluation-awareness", "evaluation",
            "A model recognising that it is being evaluated, and possibly behaving differently because of it.", "模型意识到自己正在被评测，并可能因此表现不同。",
            [new("en", "evaluation awareness", N), new("zh-Hans", "评测意识", N)], ["situational-awareness", "sandbagging"]), openIds),
            "Comes up in every sandbagging thread; worth its own entry.", ct);
        var liWei = View(open, site.Viewers("li.wei"), curate: false);
        await entries.ProposeAsync(liWei, openIds["alignment"], Snapshot(alignment with
        {
            Terms = [.. alignment.Terms, new T("zh-Hans", "价值对齐", A, "价值对齐是政策文件中的常见说法。")],
        }, openIds), "政策文件常用“价值对齐” (policy documents use 价值对齐)", ct);
        var marie = View(open, site.Viewers("marie"), curate: false);
        var redTeaming = Public[1];
        await entries.ProposeAsync(marie, openIds["red-teaming"], Snapshot(redTeaming with
        {
            Terms = [.. redTeaming.Terms.Where(t => t.Lang != "fr"), new T("fr", "test d'intrusion adverse", P), new T("fr", "red teaming", A)],
        }, openIds), "Le terme français recommandé", ct);
        var kenji = View(restricted, site.Viewers("kenji"), curate: false);
        await entries.ProposeAsync(kenji, null, Snapshot(new E("saturation", "evaluation", "A benchmark on which frontier models all score near the maximum.", "前沿模型得分都接近满分的基准。",
            [new("en", "benchmark saturation", P), new("zh-Hans", "基准饱和", P)]), restrictedIds), "We use this in every report.", ct);

        var asJonas = View(open, site.Viewers("jonas"), curate: true);
        var zhang = View(open, site.Viewers("zhang.min"), curate: false);
        var accepted = await entries.ProposeAsync(zhang, openIds["prompt-injection"], Snapshot(Public[10] with
        {
            Terms = [.. Public[10].Terms, new T("zh-Hans", "间接提示注入", A)],
        }, openIds), "补充“间接提示注入”", ct);
        await entries.AcceptAsync(asJonas, accepted!.Value, ct);
        var ana = View(open, site.Viewers("ana"), curate: false);
        var rejected = await entries.ProposeAsync(ana, openIds["hallucination"], Snapshot(Public[29] with
        {
            Terms = [.. Public[29].Terms.Where(t => t.Text != "hallucination"), new T("en", "hallucination", D), new T("en", "fabrication", P)],
        }, openIds), "“Hallucination” anthropomorphises; prefer “fabrication”.", ct);
        await entries.RejectAsync(asJonas, rejected!.Value, "Both terms are in use, but “hallucination” is what readers search for; I added your point as a note instead.", ct);
        var olga = View(open, site.Viewers("olga"), curate: false);
        var changes = await entries.ProposeAsync(olga, openIds["interpretability"], Snapshot(Public[3] with
        {
            Terms = [.. Public[3].Terms, new T("ru", "объяснимость", P)],
        }, openIds), "Russian: add объяснимость", ct);
        await entries.RequestChangesAsync(View(open, site.Viewers("chen.yu"), curate: true), changes!.Value,
            "объяснимость is closer to “explainability”: could you add it as admitted, next to интерпретируемость as preferred?", ct);
    }

    private static GlossaryView View(GlossaryEntity g, Access.Viewer viewer, bool curate) =>
        new(g.Id, g.Name, g.Description, g.SpaceId, null, null, g.Label, g.Version,
            new GlossaryFacts(g.Id, g.SpaceId, g.Label, [.. g.Editors.Select(e => e.UserId)]), viewer, CanPropose: true, CanCurate: curate, CanManage: curate);

    /// <summary>Writes the entries in order, then once more with their related entries (which need the others' ids).</summary>
    private async Task<Dictionary<string, long>> WriteAsync(GlossaryView glossary, E[] seeds, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            ids[seed.Key] = (await entries.SaveAsync(glossary, null, Snapshot(seed with { Related = null }, ids), "First version", ct))!.Value;
        }
        foreach (var seed in seeds.Where(s => s.Related is { Length: > 0 }))
        {
            await entries.SaveAsync(glossary, ids[seed.Key], Snapshot(seed, ids), "Linked related entries", ct);
        }
        return ids;
    }

    private static ConceptSnapshot Snapshot(E seed, Dictionary<string, long> ids)
    {
        var definitions = new Dictionary<string, string> { ["en"] = seed.En, ["zh-Hans"] = seed.Zh };
        if (seed.Ru is not null)
        {
            definitions["ru"] = seed.Ru;
        }
        if (seed.Fr is not null)
        {
            definitions["fr"] = seed.Fr;
        }
        var languages = definitions.Keys.Concat(seed.Terms.Select(t => t.Lang)).Distinct().Order(StringComparer.Ordinal)
            .Select(lang => new LanguageSnapshot
            {
                LanguageTag = lang,
                Definition = definitions.GetValueOrDefault(lang) ?? "",
                Terms = [.. seed.Terms.Where(t => t.Lang == lang).Select(t => new TermSnapshot
                {
                    Text = t.Text, Status = t.Status, PartOfSpeech = PartOfSpeech.Noun, UsageContext = t.Context,
                })],
            });
        return new ConceptSnapshot
        {
            SubjectField = seed.Subject,
            Languages = [.. languages],
            RelatedConceptIds = [.. (seed.Related ?? []).Where(ids.ContainsKey).Select(k => ids[k])],
        };
    }
}
