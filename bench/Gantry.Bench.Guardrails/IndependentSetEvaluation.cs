using System.Text.Json;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Pipeline;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// <c>-- --eval-injection-set SET.jsonl [JSON]</c>: the shipped detector on an externally labelled set such as
/// bench/data/injection-independent/v1.jsonl (rows: text, label attack|benign, family, language, origin
/// user|content). Nothing is trained or tuned here. Two readings: <b>as deployed</b> (content rows scored with
/// <see cref="TextOrigin.Content"/> at the policy's stricter content threshold, user rows as instructions at the
/// default threshold, as <see cref="InjectionCheck"/> does) and <b>origin-blind</b> (every row an instruction at the
/// default threshold: what a caller that does not mark documents gets). Per family, precision counts that
/// family's benign rows as the negatives, so each attack family is measured against its matched hard negatives.
/// Then the p50/p90 cost of <see cref="InjectionDetector.Score"/> per 1 KB prompt built from the set's texts.
/// </summary>
internal static class IndependentSetEvaluation
{
    internal sealed record Row(string Id, string Text, string Label, string Family, string Language, string Origin)
    {
        public bool IsAttack => Label == "attack";
        public TextOrigin TextOrigin => Origin == "content" ? TextOrigin.Content : TextOrigin.Instruction;
    }

    public static int Run(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: --eval-injection-set SET.jsonl [OUT.json]"); return 2; }
        var output = args.Length > 2 ? args[2] : "injection-independent-eval.json";
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var rows = File.ReadLines(args[1]).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Row>(l, options)!).ToList();
        var policy = GuardrailPolicy.Default;
        var contentThreshold = Math.Min(policy.InjectionThreshold, policy.ContentInjectionThreshold);

        var deployedScores = rows.ToDictionary(r => r.Id, r => InjectionDetector.Score(r.Text, r.TextOrigin));
        var blindScores = rows.ToDictionary(r => r.Id, r => InjectionDetector.Score(r.Text));
        bool DeployedHit(Row r) => deployedScores[r.Id] >= (r.TextOrigin == TextOrigin.Content ? contentThreshold : policy.InjectionThreshold);
        bool BlindHit(Row r) => blindScores[r.Id] >= policy.InjectionThreshold;

        var deployed = Table(rows, DeployedHit);
        var blind = Table(rows, BlindHit);
        Print($"as deployed (user rows: instruction, threshold {policy.InjectionThreshold}; content rows: content, threshold {contentThreshold})", deployed);
        Print($"origin-blind (every row an instruction, threshold {policy.InjectionThreshold})", blind);
        var byLanguage = rows.Where(r => r.Family == "multilingual").GroupBy(r => r.Language).OrderBy(g => g.Key)
            .Select(g => Line(g.Key, Measure(g, DeployedHit))).ToList();
        Print("multilingual family by language, as deployed", byLanguage);
        var byOrigin = rows.GroupBy(r => r.Origin).OrderBy(g => g.Key).Select(g => Line("origin " + g.Key, Measure(g, DeployedHit))).ToList();
        Print("by origin, as deployed", byOrigin);

        var errors = rows.Where(r => DeployedHit(r) != r.IsAttack)
            .Select(r => new Dictionary<string, object>
            {
                ["id"] = r.Id, ["kind"] = r.IsAttack ? "missed attack" : "false positive", ["score"] = Math.Round(deployedScores[r.Id], 3),
                ["text"] = r.Text.Length > 160 ? r.Text[..160] + "…" : r.Text,
            }).ToList();
        Console.WriteLine($"\nerrors as deployed: {errors.Count(e => (string)e["kind"] == "missed attack")} missed attacks, {errors.Count(e => (string)e["kind"] == "false positive")} false positives");
        foreach (var e in errors)
        {
            var oneLine = ((string)e["text"]).ReplaceLineEndings(" ");
            Console.WriteLine($"  {e["kind"],-14} {e["score"],6} {e["id"],-28} {oneLine[..Math.Min(100, oneLine.Length)]}");
        }

        var cost = DetectorCost.Per1K(rows.Select(r => r.Text), out _, out var cpuMean);
        Console.WriteLine($"\ncost: p50 {cost.P50:F1} us, p90 {cost.P90:F1} us wall, {cpuMean:F1} us CPU (mean) per 1 KB prompt ({cost.Prompts} prompts x {cost.Rounds} rounds; {Environment.ProcessorCount} cores)");

        var json = new Dictionary<string, object>
        {
            ["set"] = Path.GetFileName(args[1]),
            ["rows"] = rows.Count,
            ["thresholds"] = new Dictionary<string, object> { ["instruction"] = policy.InjectionThreshold, ["content"] = contentThreshold },
            ["as_deployed"] = deployed,
            ["origin_blind"] = blind,
            ["multilingual_by_language"] = byLanguage,
            ["by_origin"] = byOrigin,
            ["errors_as_deployed"] = errors,
            ["scores_as_deployed"] = deployedScores.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4)),
            ["cost_us_per_1kb"] = new Dictionary<string, object>
            {
                ["p50"] = Math.Round(cost.P50, 1), ["p90"] = Math.Round(cost.P90, 1), ["cpu_mean"] = Math.Round(cpuMean, 1),
                ["prompts"] = cost.Prompts, ["rounds"] = cost.Rounds,
                ["machine"] = $"AMD EPYC (AVX-512 VNNI), {Environment.ProcessorCount} cores, shared with other helpers' builds and tests while measured",
            },
        };
        File.WriteAllText(output, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Console.WriteLine("wrote " + Path.GetFullPath(output));
        return 0;
    }

    /// <summary>One line per family (attack families first), then the whole set.</summary>
    private static List<Dictionary<string, object>> Table(List<Row> rows, Func<Row, bool> hit)
    {
        var table = rows.GroupBy(r => r.Family).OrderBy(g => g.Any(r => r.IsAttack) ? 0 : 1).ThenBy(g => g.Key)
            .Select(g => Line(g.Key, Measure(g, hit))).ToList();
        table.Add(Line("all families", Measure(rows, hit)));
        return table;
    }

    private static ConfusionCounts Measure(IEnumerable<Row> rows, Func<Row, bool> hit) => ConfusionCounts.Of(rows, r => r.IsAttack, hit);

    private static Dictionary<string, object> Line(string name, ConfusionCounts c) => ConfusionTable.Line(name, c);

    private static void Print(string title, List<Dictionary<string, object>> table) => ConfusionTable.Print(title, table);
}
