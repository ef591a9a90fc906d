using System.Text;
using Dialogue.Data.Sensitivity;

namespace Dialogue.Benchmarks.Generate;

public sealed record Country(string Code, string[] Zones, bool Chinese = false, bool Cyrillic = false);

/// <summary>The words the generator writes with: English, Chinese and Russian prose, code, quotes, links and mentions.</summary>
public static class SiteContent
{
    public static readonly Country[] Countries =
    [
        new("US", ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]),
        new("CA", ["America/Toronto", "America/Vancouver"]),
        new("MX", ["America/Mexico_City"]),
        new("BR", ["America/Sao_Paulo"]),
        new("AR", ["America/Argentina/Buenos_Aires"]),
        new("CL", ["America/Santiago"]),
        new("CO", ["America/Bogota"]),
        new("GB", ["Europe/London"]),
        new("IE", ["Europe/Dublin"]),
        new("FR", ["Europe/Paris"]),
        new("DE", ["Europe/Berlin"]),
        new("NL", ["Europe/Amsterdam"]),
        new("CH", ["Europe/Zurich"]),
        new("SE", ["Europe/Stockholm"]),
        new("FI", ["Europe/Helsinki"]),
        new("PL", ["Europe/Warsaw"]),
        new("ES", ["Europe/Madrid"]),
        new("IT", ["Europe/Rome"]),
        new("UA", ["Europe/Kyiv"], Cyrillic: true),
        new("RU", ["Europe/Moscow", "Asia/Novosibirsk", "Asia/Vladivostok"], Cyrillic: true),
        new("KZ", ["Asia/Almaty"], Cyrillic: true),
        new("TR", ["Europe/Istanbul"]),
        new("IL", ["Asia/Jerusalem"]),
        new("AE", ["Asia/Dubai"]),
        new("SA", ["Asia/Riyadh"]),
        new("EG", ["Africa/Cairo"]),
        new("NG", ["Africa/Lagos"]),
        new("KE", ["Africa/Nairobi"]),
        new("ZA", ["Africa/Johannesburg"]),
        new("IN", ["Asia/Kolkata"]),
        new("PK", ["Asia/Karachi"]),
        new("SG", ["Asia/Singapore"]),
        new("ID", ["Asia/Jakarta"]),
        new("VN", ["Asia/Ho_Chi_Minh"]),
        new("CN", ["Asia/Shanghai", "Asia/Urumqi"], Chinese: true),
        new("TW", ["Asia/Taipei"], Chinese: true),
        new("HK", ["Asia/Hong_Kong"], Chinese: true),
        new("KR", ["Asia/Seoul"]),
        new("JP", ["Asia/Tokyo"]),
        new("AU", ["Australia/Sydney", "Australia/Perth"]),
    ];

    public static readonly string[] GivenNames = ["Amara", "Jonas", "Priya", "Lucas", "Sofia", "Kwame", "Elena", "Mateo", "Aisha", "Noah", "Yuki", "Omar", "Clara", "Tomás", "Ingrid", "Ravi", "Hana", "Diego", "Fatima", "Liam", "Mei", "Sven", "Zara", "Ahmed"];
    public static readonly string[] Surnames = ["Okafor", "Schmidt", "Sharma", "Silva", "Rossi", "Mensah", "García", "Nguyen", "Kowalski", "Dubois", "Tanaka", "Haddad", "Johansson", "Murphy", "Kim", "Patel", "Cohen", "Mwangi", "Fischer", "Moreau", "Santos", "Ivanova", "Park", "Khan"];
    public static readonly string[] ChineseSurnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    public static readonly string[] ChineseGivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "晓东", "子涵"];
    public static readonly string[] CyrillicGivenNames = ["Анна", "Дмитрий", "Мария", "Алексей", "Ольга", "Сергей", "Екатерина", "Иван", "Наталья", "Андрей"];
    public static readonly string[] CyrillicSurnames = ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов"];

    public static readonly string[] Topics =
    [
        "Open research", "Evaluations", "Interpretability", "Red teaming", "Incident reports", "Compute governance", "Benchmarks",
        "Alignment theory", "Policy drafts", "Standards", "Biosecurity", "Cyber capabilities", "Model cards", "Safety cases",
        "Glossary work", "Workshops", "Reading group", "Replication", "Data provenance", "Watermarking", "Agent oversight",
        "Scalable oversight", "Robustness", "Elicitation", "Dangerous capabilities", "Verification", "Export controls",
        "Audits", "Disclosure", "Multilingual evaluation", "Chinese NLP", "Tooling", "Infrastructure", "Hardware security",
        "Frontier forecasting", "Risk thresholds", "Responsible scaling", "Third-party access", "Model weights security",
        "Evaluation science", "Honesty", "Deception", "Sandbagging", "Reward hacking", "Autonomy", "Persuasion",
        "Cross-border dialogue", "Track II", "Newcomers", "Announcements",
    ];

    private static readonly string[] English =
    [
        "We ran the evaluation suite again on the latest checkpoint and the refusal rate dropped by about four points.",
        "The threshold we agreed on last quarter assumes the model cannot chain more than three tool calls without supervision.",
        "I am not convinced the benchmark measures what we think it measures; the prompts leak the expected format.",
        "Our red teaming protocol now has a second reviewer for every finding that is rated high or critical.",
        "Interpretability results on the small models do not obviously transfer, but the probing setup is cheap to repeat.",
        "Could someone share the replication notes? The numbers in the appendix differ from the ones in the slides.",
        "Compute governance proposals tend to assume reporting thresholds that age badly as hardware gets cheaper.",
        "The incident report format from the aviation world is a good model: what happened, why, and what changed.",
        "A safety case is an argument, not a checklist; the evidence has to support each claim it is attached to.",
        "Translation of the glossary entries is the slow part, since several terms have no settled Chinese equivalent yet.",
        "We should separate capability elicitation from the mitigation tests, otherwise the results are hard to compare.",
        "The data provenance question matters more for fine-tuning sets than for pretraining, in my experience.",
        "Sandbagging is hard to rule out when the model knows it is being evaluated; we tried paraphrased prompts.",
        "Agreed on the protocol, with one change: the raw transcripts stay inside the lab and only aggregates are shared.",
        "I would like to propose a workshop session on verification methods for training runs next spring.",
        "The reward model picked up on the length of the answer, which explains most of the apparent gain.",
        "Here is the summary from yesterday's call, with the open questions at the end.",
        "Thanks, this is very helpful. I will circulate it to our group and come back with comments by Friday.",
    ];

    private static readonly string[] Chinese =
    [
        "我们在最新的检查点上重新运行了评估套件，拒绝率下降了大约四个百分点。",
        "这个基准测试是否真的衡量了模型的能力，我还不太确定，提示词里泄露了预期的格式。",
        "红队测试的流程现在要求每个高风险发现都有第二位审核人。",
        "可解释性研究在小模型上的结果不一定能迁移到大模型，但探针实验的成本很低。",
        "关于算力治理的报告门槛，随着硬件变便宜，很快就会过时。",
        "安全论证是一种论证，而不是清单，每一个结论都需要证据支持。",
        "术语表的翻译是最慢的部分，有几个术语在中文里还没有统一的译法。",
        "我们应该把能力激发和缓解措施的测试分开，否则结果很难比较。",
        "数据来源的问题对微调数据集比对预训练数据更重要。",
        "同意这个方案，但原始记录应该留在实验室内部，只共享汇总数据。",
        "模型对齐的评估需要跨语言进行，中文和英文的结果差别很大。",
        "谢谢分享，我会转给我们组的同事，周五之前给出意见。",
    ];

    private static readonly string[] Russian =
    [
        "Мы повторили оценку на последней контрольной точке, и доля отказов снизилась примерно на четыре пункта.",
        "Я не уверен, что этот бенчмарк измеряет то, что мы думаем: подсказки раскрывают ожидаемый формат.",
        "Протокол красной команды теперь требует второго рецензента для каждой серьёзной находки.",
        "Привет всем, вот краткое изложение вчерашнего звонка и открытые вопросы в конце.",
        "Пороговые значения для вычислений быстро устаревают по мере удешевления оборудования.",
        "Согласен с протоколом, но исходные расшифровки должны оставаться внутри лаборатории.",
    ];

    private static readonly string[] Code =
    [
        "```python\nfor task in suite.tasks:\n    score = evaluate(model, task, temperature=0.0)\n    results[task.name] = score\nprint(summarise(results))\n```",
        "```bash\npython run_eval.py --model checkpoint-4200 --suite refusal-v3 --seeds 5 --out results/\n```",
        "```csharp\nvar passed = results.Count(r => r.Score >= threshold);\nConsole.WriteLine($\"{passed} of {results.Count} above threshold\");\n```",
        "```json\n{ \"suite\": \"elicitation-v2\", \"samples\": 500, \"judge\": \"human\", \"agreement\": 0.81 }\n```",
        "`temperature=0` and `top_p=1` for every run, otherwise the comparison is meaningless.",
    ];

    private static readonly string[] Links =
    [
        "See [the paper](https://arxiv.org/abs/2403.00001) for the full method.",
        "The dataset card is at <https://huggingface.co/datasets/example/eval-suite>.",
        "Background reading: [NIST AI RMF](https://www.nist.gov/itl/ai-risk-management-framework).",
        "参考资料：[评估方法](https://example.org/zh/evaluation-methods)。",
    ];

    private static readonly string[] TitleStarts = ["Question about", "Notes on", "Proposal:", "Results from", "Draft:", "Thoughts on", "Call for input:", "Summary of", "关于", "讨论：", "Вопрос о"];
    private static readonly string[] TitleSubjects =
    [
        "the refusal evaluation", "red teaming protocol v3", "interpretability probes", "compute thresholds", "the incident taxonomy",
        "benchmark contamination", "safety case templates", "replication of the sandbagging study", "glossary translations",
        "agent oversight", "third-party model access", "the spring workshop", "evaluation sharing", "reward hacking examples",
        "模型评估", "红队测试", "安全论证", "术语翻译", "算力治理", "оценке моделей",
    ];

    public static string Title(Random random) =>
        TitleStarts[random.Next(TitleStarts.Length)] + " " + TitleSubjects[random.Next(TitleSubjects.Length)];

    public static string SpaceDescription(string topic, SensitivityLabel label) =>
        $"Discussion about {topic.ToLowerInvariant()} ({label}). 关于{topic}的讨论。";

    /// <summary>A post of one to four paragraphs, mostly English, with code, quotes, links, lists and mentions now and then.</summary>
    public static string Post(Random random, int number, string mentionHandle)
    {
        var text = new StringBuilder();
        var language = random.Next(100);
        var prose = language < 70 ? English : language < 85 ? Chinese : language < 93 ? Russian : [.. English, .. Chinese];
        if (number > 1 && random.Next(8) == 0)
        {
            text.Append("> ").Append(prose[random.Next(prose.Length)]).Append("\n\n");
        }
        if (random.Next(12) == 0)
        {
            text.Append('@').Append(mentionHandle).Append(' ');
        }
        var paragraphs = 1 + random.Next(4);
        for (var p = 0; p < paragraphs; p++)
        {
            var sentences = 1 + random.Next(3);
            for (var s = 0; s < sentences; s++)
            {
                text.Append(prose[random.Next(prose.Length)]).Append(prose == Chinese ? "" : " ");
            }
            text.Append("\n\n");
            if (random.Next(7) == 0)
            {
                text.Append(Code[random.Next(Code.Length)]).Append("\n\n");
            }
        }
        if (random.Next(10) == 0)
        {
            text.Append("- ").Append(English[random.Next(English.Length)]).Append("\n- **")
                .Append(Chinese[random.Next(Chinese.Length)]).Append("**\n- _").Append(English[random.Next(English.Length)]).Append("_\n\n");
        }
        if (random.Next(10) == 0)
        {
            text.Append(Links[random.Next(Links.Length)]).Append("\n\n");
        }
        return text.ToString().TrimEnd();
    }
}
