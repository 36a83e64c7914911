using System.Text.Json;

namespace Gantry.Guardrails.Tests.Injection;

/// <summary>The hand-labelled prompt-injection set (Data/labelled_injection.jsonl, built by
/// Data/build_labelled_set.py) and precision/recall over it.</summary>
internal static class LabelledSet
{
    internal sealed record Example(string Text, string Label, string Category, string Split)
    {
        public bool IsInjection => Label == "injection";
    }

    internal readonly record struct Metrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
        public int Count => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;
        public override string ToString() =>
            $"n={Count} precision={Precision:F3} recall={Recall:F3} (tp={TruePositives} fp={FalsePositives} fn={FalseNegatives} tn={TrueNegatives})";
    }

    private static readonly Lazy<IReadOnlyList<Example>> All = new(Load);

    public static IReadOnlyList<Example> Examples => All.Value;

    public static IEnumerable<Example> Split(string split) => Examples.Where(e => e.Split == split);

    public static Metrics Measure(IEnumerable<Example> examples, Func<string, bool> predict)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var e in examples)
        {
            var p = predict(e.Text);
            if (p && e.IsInjection) tp++;
            else if (p) fp++;
            else if (e.IsInjection) fn++;
            else tn++;
        }
        return new(tp, fp, fn, tn);
    }

    private static IReadOnlyList<Example> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "labelled_injection.jsonl");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Example>(l, options)!)];
    }
}
