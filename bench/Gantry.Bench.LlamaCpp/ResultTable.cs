using System.Globalization;

namespace Gantry.Bench.LlamaCpp;

/// <summary>A Markdown table: one row per model and metric, Gantry against llama.cpp with their ratio.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter o, BenchConfig c, IReadOnlyList<ModelResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"threads {c.Threads}; prefill prompt {c.PromptTokens} tokens; decode {c.GenTokens} tokens per sequence after a {c.BatchPromptTokens}-token prompt; median of {c.Rounds} alternating rounds; tokens/s"));
        o.WriteLine();
        o.WriteLine("| model | metric | Gantry | llama.cpp | Gantry / llama.cpp | Gantry batch / single |");
        o.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var metric in (r.Gantry ?? r.LlamaCpp)!.Keys)
            {
                double? g = r.Gantry?[metric], l = r.LlamaCpp?[metric];
                var scaling = g is not null && metric.StartsWith("decode_", StringComparison.Ordinal) && metric != "decode_1"
                    ? string.Create(inv, $"{g / r.Gantry!["decode_1"]:F2}x") : "";
                var ratio = g is not null && l is not null ? string.Create(inv, $"{g / l:F2}x") : "";
                o.WriteLine(string.Create(inv, $"| {r.Model} | {Describe(metric)} | {g:F2} | {l:F2} | {ratio} | {scaling} |"));
            }
        }
    }

    private static string Describe(string metric) => metric switch
    {
        "prefill" => "prefill",
        "decode_1" => "decode, 1 sequence",
        _ => $"decode, {metric["decode_".Length..]} sequences (aggregate)",
    };
}
