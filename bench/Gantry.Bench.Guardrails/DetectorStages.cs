using System.Diagnostics;
using Gantry.Guardrails.Injection;
using Gantry.Guardrails.Learning;

namespace Gantry.Bench.Guardrails;

/// <summary>
/// Where <see cref="InjectionDetector.Score"/> spends its time, stage by stage, on 1 KB prompts cut from a labelled
/// set (<c>--stages-injection FILE.jsonl</c>): the heuristics, the content segments, the feature text, the lexicon
/// features, the addressed-directive features and the n-gram sum, each timed alone over the same prompts (median
/// microseconds per prompt over 20 rounds). A profiler's view without a profiler, for choosing what to make cheaper.
/// </summary>
internal static class DetectorStages
{
    public static int Run(string[] args)
    {
        var texts = File.ReadLines(args[1]).Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);
        var prompts = DetectorCost.Prompts1K(texts);
        var model = InjectionModel.Shared;
        var featureTexts = prompts.Select(FeatureText.Build).ToList();
        var contents = prompts.Select(ContentSegments.Find).ToList();
        var dense = new float[InjectionFeatures.Count];
        Time("heuristics", prompts, i => InjectionHeuristics.Analyze(prompts[i], null));
        Time("content segments", prompts, i => ContentSegments.Find(prompts[i]));
        Time("encoded payloads", prompts, i => EncodedPayloads.Decode(prompts[i] + " "));
        Time("feature text", prompts, i => FeatureText.Build(prompts[i]));
        Time("lexicon features", prompts, i => InjectionFeatures.FillLexicon(featureTexts[i], prompts[i], TextOrigin.Instruction, contents[i], dense));
        Time("addressed directives", prompts, i => AddressedDirectives.Fill(prompts[i], TextOrigin.Instruction, contents[i], HiddenText.Find(prompts[i]), dense.AsSpan(InjectionFeatures.Addressed)));
        Time("n-gram sum", prompts, i => InjectionDetector.NgramPart(model, featureTexts[i]));
        Time("whole detector", prompts, i => InjectionDetector.Score(prompts[i]));
        return 0;
    }

    /// <summary><c>--scores-injection FILE.jsonl</c>: every row's score as an instruction and as content, with
    /// nine decimals, one line per row: two builds' outputs compared with diff show whether a change meant to
    /// be cost-only left every score as it was.</summary>
    public static int Scores(string[] args)
    {
        foreach (var line in File.ReadLines(args[1]).Where(l => l.Length > 0))
        {
            var root = System.Text.Json.JsonDocument.Parse(line).RootElement;
            var text = root.GetProperty("text").GetString()!;
            var id = root.TryGetProperty("id", out var v) ? v.ToString() : "";
            Console.WriteLine($"{id}\t{InjectionDetector.Score(text):F9}\t{InjectionDetector.Score(text, TextOrigin.Content):F9}");
        }
        return 0;
    }

    private static void Time(string stage, List<string> prompts, Action<int> run)
    {
        DetectorCost.WarmUp(prompts.Count, run);
        var timings = new List<double>();
        for (var round = 0; round < 20; round++)
            for (var i = 0; i < prompts.Count; i++)
            {
                var t = Stopwatch.GetTimestamp();
                run(i);
                timings.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }
        timings.Sort();
        Console.WriteLine($"{stage,-22} p50 {timings[timings.Count / 2],8:F1} us  mean {timings.Average(),8:F1} us per 1 KB prompt");
    }
}
