using System.Text.Json;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --eval-injection [CORPUS] [JSON]</c>: precision, recall and false-positive rate of the shipped detector
/// per family on the fresh split (written after the features were frozen) and the test split (the first round's
/// held-out source), on the older set's held-out third, and, for unseen families, with a model retrained without
/// each attack family (leave one family out); then the p50/p90 cost of <see cref="InjectionDetector.Score"/> per
/// 1 KB prompt. Prints tables and writes JSON.
/// </summary>
internal static class InjectionEvaluation
{
    private const double Threshold = 0.5;

    /// <summary>Held-out splits, most independent first: unseen_w (source w, hand-written after the fourth round's
    /// freeze), unseen (source v, written after the final freeze), fresh
    /// (source u, measured once and then read while the second round went on), test (source t, the first round's).</summary>
    private static readonly string[] HeldOutSplits = ["unseen_w", "unseen", "fresh", "test"];

    public static int Run(string[] args)
    {
        var corpus = args.Length > 1 ? args[1] : CorpusRow.DefaultPath();
        var output = args.Length > 2 ? args[2] : "injection-eval.json";
        var rows = CorpusRow.Load(corpus);

        var perFamily = new Dictionary<string, object>();
        var unseen = new Dictionary<string, object>();
        foreach (var split in HeldOutSplits)
        {
            var rowsOf = rows.Where(r => r.Split == split).ToList();
            var table = rowsOf.GroupBy(r => r.Family).OrderBy(g => g.First().IsInjection ? 0 : 1).ThenBy(g => g.Key)
                .Select(g => Row(g.Key, Measure(g, r => InjectionDetector.Score(r.Text)))).ToList();
            table.Add(Row($"{split} (all families)", Measure(rowsOf, r => InjectionDetector.Score(r.Text))));
            perFamily[split] = table;
            Print($"per family, split {split} (threshold 0.5)", table);
        }
        var legacy = Row("legacy_heldout", Measure(rows.Where(r => r.Split == "legacy_heldout"), r => InjectionDetector.Score(r.Text)));
        var train = Row("train (fitted on)", Measure(rows.Where(r => r.Split == "train"), r => InjectionDetector.Score(r.Text)));
        Print("other splits", [legacy, train]);

        // Leave one attack family out of training; score its fresh and test rows with all benign rows of the split.
        foreach (var split in HeldOutSplits)
        {
            var rowsOf = rows.Where(r => r.Split == split).ToList();
            var table = new List<Dictionary<string, object>>();
            foreach (var family in rowsOf.Where(r => r.IsInjection).Select(r => r.Family).Distinct().Order())
            {
                var model = InjectionTraining.Train(rows.Where(r => r.Family != family));
                table.Add(Row("without " + family, Measure(rowsOf.Where(r => r.Family == family || !r.IsInjection), r => ScoreWith(model, r.Text))));
            }
            unseen[split] = table;
            Print($"unseen families, split {split}: retrained without the family, scored on its rows + all benign rows", table);
        }

        var cost = DetectorCost.Per1K(rows.Select(r => r.Text), out _, out var cpuMean);
        Console.WriteLine($"cost: p50 {cost.P50:F1} us, p90 {cost.P90:F1} us wall, {cpuMean:F1} us CPU (mean) per 1 KB prompt ({cost.Prompts} prompts x {cost.Rounds} rounds; {Environment.ProcessorCount} cores)");

        var json = new Dictionary<string, object>
        {
            ["threshold"] = Threshold,
            ["splits"] = new Dictionary<string, object>
            {
                ["unseen_w"] = "source w: hand-written once each after the fourth round's features, training source e and threshold were frozen; scored once; same author",
                ["unseen"] = "source v: written after the second round's freeze; scored once per round (third and fourth), never tuned on by reading its texts; same author",
                ["fresh"] = "source u: written after the first feature freeze (65faa72); measured once (recall 0.689, precision 0.939), then its errors were read and the lexicon, indirect training data and decoders changed",
                ["test"] = "source t: the first round's test source; read while diagnosing the second round, so not unseen by its author",
            },
            ["per_family"] = perFamily,
            ["legacy_heldout"] = legacy,
            ["train"] = train,
            ["unseen_family"] = unseen,
            ["cost_us_per_1kb"] = new Dictionary<string, object>
            {
                ["p50"] = Math.Round(cost.P50, 1), ["p90"] = Math.Round(cost.P90, 1), ["cpu_mean"] = Math.Round(cpuMean, 1),
                ["prompts"] = cost.Prompts, ["rounds"] = cost.Rounds,
                ["machine"] = $"AMD EPYC (AVX-512 VNNI), {Environment.ProcessorCount} cores, shared with other helpers' builds and tests while measured (load average {LoadAverage()} at the end)",
            },
        };
        File.WriteAllText(output, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine("wrote " + Path.GetFullPath(output));
        return 0;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    /// <summary><c>-- --cost-injection [CORPUS]</c>: only the cost per 1 KB prompt, and the slowest prompts' median
    /// times (to find what makes the tail).</summary>
    public static int RunCost(string[] args)
    {
        var rows = CorpusRow.Load(args.Length > 1 ? args[1] : CorpusRow.DefaultPath());
        var cost = DetectorCost.Per1K(rows.Select(r => r.Text), out var slowest, out var cpuMean);
        Console.WriteLine($"cost: p50 {cost.P50:F1} us, p90 {cost.P90:F1} us wall, {cpuMean:F1} us CPU (mean) per 1 KB prompt ({cost.Prompts} prompts x {cost.Rounds} rounds)");
        foreach (var (us, prompt) in slowest)
            Console.WriteLine($"  {us,8:F1} us  {prompt[..Math.Min(100, prompt.Length)].ReplaceLineEndings(" ")}");
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

    private static ConfusionCounts Measure(IEnumerable<CorpusRow> rows, Func<CorpusRow, double> score) =>
        ConfusionCounts.Of(rows, r => r.IsInjection, r => score(r) >= Threshold);

    private static Dictionary<string, object> Row(string name, ConfusionCounts c) => ConfusionTable.Line(name, c);

    private static void Print(string title, List<Dictionary<string, object>> table) => ConfusionTable.Print(title, table);
}
