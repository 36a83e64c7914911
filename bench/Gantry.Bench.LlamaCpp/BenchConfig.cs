using System.Globalization;

namespace Gantry.Bench.LlamaCpp;

/// <summary>Command-line settings: <c>--model PATH</c> (repeatable), <c>--threads</c>, <c>--prompt-tokens</c>,
/// <c>--gen-tokens</c>, <c>--batch-prompt-tokens</c>, <c>--batch</c>, <c>--rounds</c>, <c>--seed</c>, <c>--json</c>,
/// <c>--versus PATH</c> (Gantry on the first model against Gantry on this one, instead of against llama.cpp),
/// <c>--engine both|gantry|llama.cpp</c> (one engine per process, for the separate-process comparison).</summary>
internal sealed record BenchConfig(
    IReadOnlyList<string> Models,
    int Threads,
    int PromptTokens,
    int GenTokens,
    int BatchPromptTokens,
    IReadOnlyList<int> BatchSizes,
    int Rounds,
    int Seed,
    string? JsonPath,
    string? Versus = null,
    string Engine = "both")
{
    public static BenchConfig Parse(string[] args)
    {
        var models = new List<string>();
        int threads = Environment.ProcessorCount, prompt = 128, gen = 32, batchPrompt = 32, rounds = 3, seed = 1;
        IReadOnlyList<int> batches = [8, 16];
        string? json = null, versus = null;
        string engine = "both";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--model": models.Add(value); break;
                case "--threads": threads = Int(value); break;
                case "--prompt-tokens": prompt = Int(value); break;
                case "--gen-tokens": gen = Int(value); break;
                case "--batch-prompt-tokens": batchPrompt = Int(value); break;
                case "--batch": batches = value.Split(',').Select(Int).ToArray(); break;
                case "--rounds": rounds = Int(value); break;
                case "--seed": seed = Int(value); break;
                case "--json": json = value; break;
                case "--versus": versus = value; break;
                case "--engine":
                    engine = value is "both" or "gantry" or "llama.cpp" ? value : throw new ArgumentException("--engine takes both, gantry or llama.cpp");
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
            i++;
        }
        if (models.Count == 0) throw new ArgumentException("give at least one --model PATH");
        if (gen < 2) throw new ArgumentException("--gen-tokens must be at least 2");
        return new BenchConfig(models, threads, prompt, gen, batchPrompt, batches, rounds, seed, json, versus, engine);
    }

    private static int Int(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{s}' is not a positive integer");
}
