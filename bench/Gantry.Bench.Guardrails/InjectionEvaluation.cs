using System.Diagnostics;
using System.Text.Json;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --eval-injection [CORPUS] [JSON]</c>: precision, recall and false-positive rate of the shipped detector
/// per family on the test split (phrasings never trained on), on the older set's held-out third, and, for
/// unseen families, with a model retrained without each attack family (leave one family out); then the p50 cost
/// of <see cref="InjectionDetector.Score"/> per 1 KB prompt. Prints a table and writes JSON.
/// </summary>
internal static class InjectionEvaluation
{
    private const double Threshold = 0.5;

    public static int Run(string[] args)
    {
        var corpus = args.Length > 1 ? args[1] : CorpusRow.DefaultPath();
        var output = args.Length > 2 ? args[2] : "injection-eval.json";
        var rows = CorpusRow.Load(corpus);

        var test = rows.Where(r => r.Split == "test").ToList();
        var perFamily = test.GroupBy(r => r.Family).OrderBy(g => g.First().IsInjection ? 0 : 1).ThenBy(g => g.Key)
            .Select(g => Row(g.Key, Measure(g, r => InjectionDetector.Score(r.Text)))).ToList();
        var overall = Row("test (all families)", Measure(test, r => InjectionDetector.Score(r.Text)));
        var legacy = Row("legacy_heldout", Measure(rows.Where(r => r.Split == "legacy_heldout"), r => InjectionDetector.Score(r.Text)));
        var train = Row("train (fitted on)", Measure(rows.Where(r => r.Split == "train"), r => InjectionDetector.Score(r.Text)));

        var unseen = new List<Dictionary<string, object>>();
        foreach (var family in rows.Where(r => r.IsInjection && r.Split == "test").Select(r => r.Family).Distinct().Order())
        {
            var model = InjectionTraining.Train(rows.Where(r => r.Family != family));
            var m = Measure(test.Where(r => r.Family == family || !r.IsInjection), r => ScoreWith(model, r.Text));
            unseen.Add(Row("without " + family, m));
        }

        var cost = CostPer1K(rows);
        Print("per family, test split (threshold 0.5)", [.. perFamily, overall, legacy, train]);
        Print("unseen families: retrained without the family, scored on its test rows + all benign test rows", unseen);
        Console.WriteLine($"cost: p50 {cost.P50:F1} us, p90 {cost.P90:F1} us per 1 KB prompt ({cost.Prompts} prompts x {cost.Rounds} rounds; {Environment.ProcessorCount} cores)");

        var json = new Dictionary<string, object>
        {
            ["threshold"] = Threshold,
            ["per_family_test"] = perFamily,
            ["test_overall"] = overall,
            ["legacy_heldout"] = legacy,
            ["train"] = train,
            ["unseen_family"] = unseen,
            ["cost_us_per_1kb"] = new Dictionary<string, object> { ["p50"] = cost.P50, ["p90"] = cost.P90, ["prompts"] = cost.Prompts, ["rounds"] = cost.Rounds },
        };
        File.WriteAllText(output, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine("wrote " + Path.GetFullPath(output));
        return 0;
    }

    /// <summary>The detector's score with another model in place of the shipped one (same features, same windows).</summary>
    internal static double ScoreWith(LinearModel model, string text)
    {
        if (text.Length < 12) return 0;
        var dense = new float[InjectionFeatures.Count];
        InjectionDetector.Features(text, TextOrigin.Instruction, [], dense, out var featureText);
        return LinearModel.Sigmoid(model.DenseLogit(dense) + InjectionDetector.NgramPart(model, featureText));
    }

    private readonly record struct Counts(int Tp, int Fp, int Fn, int Tn)
    {
        public double Precision => Tp + Fp == 0 ? double.NaN : (double)Tp / (Tp + Fp);
        public double Recall => Tp + Fn == 0 ? double.NaN : (double)Tp / (Tp + Fn);
        public double FalsePositiveRate => Fp + Tn == 0 ? double.NaN : (double)Fp / (Fp + Tn);
    }

    private static Counts Measure(IEnumerable<CorpusRow> rows, Func<CorpusRow, double> score)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var r in rows)
        {
            var hit = score(r) >= Threshold;
            if (hit && r.IsInjection) tp++; else if (hit) fp++; else if (r.IsInjection) fn++; else tn++;
        }
        return new(tp, fp, fn, tn);
    }

    private static Dictionary<string, object> Row(string name, Counts c) => new()
    {
        ["family"] = name, ["n"] = c.Tp + c.Fp + c.Fn + c.Tn, ["tp"] = c.Tp, ["fp"] = c.Fp, ["fn"] = c.Fn, ["tn"] = c.Tn,
        ["precision"] = Round(c.Precision), ["recall"] = Round(c.Recall), ["fpr"] = Round(c.FalsePositiveRate),
    };

    private static object Round(double x) => double.IsNaN(x) ? "-" : Math.Round(x, 3);

    private static void Print(string title, List<Dictionary<string, object>> table)
    {
        Console.WriteLine($"\n{title}\n| family | n | precision | recall | FPR | tp/fp/fn/tn |\n|---|---|---|---|---|---|");
        foreach (var r in table)
            Console.WriteLine($"| {r["family"]} | {r["n"]} | {r["precision"]} | {r["recall"]} | {r["fpr"]} | {r["tp"]}/{r["fp"]}/{r["fn"]}/{r["tn"]} |");
    }

    /// <summary>Prompts of about 1 KB (corpus texts joined in order), each scored in rounds; p50 and p90 over
    /// every (prompt, round) timing. Single-threaded; the machine was shared while this ran.</summary>
    private static (double P50, double P90, int Prompts, int Rounds) CostPer1K(IReadOnlyList<CorpusRow> rows)
    {
        var prompts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var r in rows)
        {
            current.Append(r.Text).Append('\n');
            if (current.Length < 1024) continue;
            prompts.Add(current.ToString(0, 1024));
            current.Clear();
        }
        const int rounds = 20;
        foreach (var p in prompts) InjectionDetector.Score(p); // warm up (JIT, regex construction)
        var timings = new List<double>(prompts.Count * rounds);
        for (var round = 0; round < rounds; round++)
            foreach (var p in prompts)
            {
                var t = Stopwatch.GetTimestamp();
                InjectionDetector.Score(p);
                timings.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }
        timings.Sort();
        return (timings[timings.Count / 2], timings[timings.Count * 9 / 10], prompts.Count, rounds);
    }
}
