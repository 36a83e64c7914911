using System.Globalization;
using System.Text.Json;

namespace Gantry.Bench.LlamaCpp;

/// <summary>
/// Gantry on two models in one process (<c>--model A --versus B</c>), e.g. a mixture of experts against a dense model
/// with the same active parameters. Rounds alternate which model goes first; each figure is the median over rounds,
/// and the ratio A/B is taken per round, then its median reported, because the machine is shared and noisy.
/// </summary>
internal static class ModelPairComparison
{
    public static int Run(BenchConfig c)
    {
        var pathA = c.Models[0];
        var pathB = c.Versus!;
        var maxBatch = Math.Max(1, c.BatchSizes.Max());
        var perSequence = c.BatchPromptTokens + c.GenTokens + 8;
        using var a = new GantryTarget(pathA, c.Threads, maxBatch, perSequence, "a");
        using var b = new GantryTarget(pathB, c.Threads, maxBatch, perSequence, "b");
        IBenchTarget[] targets = [a, b];
        var rng = new Random(c.Seed);
        int[] Prompt(int n) => Enumerable.Range(0, n).Select(_ => 3 + rng.Next(Math.Min(a.VocabSize, b.VocabSize) - 3)).ToArray();
        foreach (var t in targets)
        {
            t.Decode([Prompt(8)], 3);
            foreach (var size in c.BatchSizes) t.Decode(Enumerable.Range(0, size).Select(_ => Prompt(8)).ToArray(), 3);
        }

        var metrics = new[] { 1 }.Concat(c.BatchSizes).Distinct().ToArray();
        var samples = metrics.ToDictionary(m => m, _ => (A: new List<double>(), B: new List<double>()));
        for (var round = 0; round < c.Rounds; round++)
        {
            var order = round % 2 == 0 ? targets : [b, a];
            foreach (var size in metrics)
            {
                var prompts = Enumerable.Range(0, size).Select(_ => Prompt(c.BatchPromptTokens)).ToArray();
                foreach (var t in order)
                {
                    var rate = t.Decode(prompts, c.GenTokens);
                    (t == a ? samples[size].A : samples[size].B).Add(rate);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} {t.Name} decode_{size} {rate,8:F2} tokens/s"));
                }
            }
        }

        var result = new
        {
            model_a = Path.GetFileName(pathA),
            model_b = Path.GetFileName(pathB),
            threads = c.Threads,
            gen_tokens = c.GenTokens,
            rounds = c.Rounds,
            metrics = metrics.ToDictionary(m => $"decode_{m}", m => new
            {
                a_tokens_per_s = Median(samples[m].A),
                b_tokens_per_s = Median(samples[m].B),
                ratio_a_over_b = Median(samples[m].A.Zip(samples[m].B, (x, y) => x / y).ToList()),
                a_samples = samples[m].A,
                b_samples = samples[m].B,
            }),
        };
        var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (c.JsonPath is { } path) File.WriteAllText(path, json);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
