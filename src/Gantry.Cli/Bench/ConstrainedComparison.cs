using System.Diagnostics;
using Gantry.Engine;
using Gantry.Engine.Constraints;

namespace Gantry.Cli.Bench;

/// <summary>
/// Structured-output cost: a batch of requests all under one JSON-schema constraint against the same batch
/// unconstrained, in alternating rounds (the machine is shared, so neighbouring rounds see the same load), plus the
/// schema's compile time and the per-token mask time percentiles the engine recorded.
/// </summary>
internal static class ConstrainedComparison
{
    /// <summary>A typical extraction schema: nested objects, an open-ended array, bounded and free strings, numbers.</summary>
    public const string Schema = """
        {"type": "object", "additionalProperties": false, "required": ["title", "items"],
         "properties": {
           "title": {"type": "string", "maxLength": 40},
           "items": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["id", "name", "score"],
             "properties": {"id": {"type": "integer", "minimum": 0}, "name": {"type": "string"},
                            "tags": {"type": "array", "items": {"type": "string", "enum": ["red", "green", "blue"]}, "maxItems": 4},
                            "score": {"type": "number", "minimum": 0, "maximum": 100}}}}}}
        """;

    public static ConstrainedResult Run(LlmEngine engine, RandomPrompts prompts, int batch, int promptTokens, int genTokens, int repeats, TextWriter? progress)
    {
        var compileStart = Stopwatch.GetTimestamp();
        var grammar = ConstraintGrammars.FromJsonSchema(Schema);
        var compileSeconds = Stopwatch.GetElapsedTime(compileStart).TotalSeconds;
        // Again once the compiler's code is warm: what a later request with a new schema pays.
        var warmStart = Stopwatch.GetTimestamp();
        ConstraintGrammars.FromJsonSchema(Schema);
        var warmCompileSeconds = Stopwatch.GetElapsedTime(warmStart).TotalSeconds;

        // Warm-up: builds the vocabulary's token trie and the grammar's first states (the first-request cost).
        var firstStart = Stopwatch.GetTimestamp();
        Decode(engine, [prompts.Next(promptTokens)], [genTokens], grammar);
        var firstRequestSeconds = Stopwatch.GetElapsedTime(firstStart).TotalSeconds;
        engine.ConstraintMaskTimings.Clear();

        // One batch of prompts for every round. The constrained sequences end when their JSON closes, at different
        // lengths; each unconstrained run generates exactly the lengths of the constrained run before it (greedy, so
        // every constrained run of these prompts gives the same), so both sides decode the same token schedule and
        // the ratio is the constraint's own cost, not the batch thinning out as sequences finish early.
        var round = Enumerable.Range(0, batch).Select(_ => prompts.Next(promptTokens)).ToArray();
        int[] budgets = [.. Enumerable.Repeat(genTokens, batch)];
        var (_, lengths) = Decode(engine, round, budgets, grammar);
        engine.ConstraintMaskTimings.Clear();
        var plain = new List<double>();
        var constrained = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            progress?.WriteLine($"constrained decode: batch {batch}, round {r + 1}/{repeats}");
            // Alternate which side goes first, so a drift in machine load does not favour one.
            if (r % 2 == 0)
            {
                plain.Add(Decode(engine, round, lengths, null).TokensPerSecond);
                constrained.Add(Decode(engine, round, budgets, grammar, out lengths));
            }
            else
            {
                constrained.Add(Decode(engine, round, budgets, grammar, out lengths));
                plain.Add(Decode(engine, round, lengths, null).TokensPerSecond);
            }
        }
        var ratios = plain.Zip(constrained, (p, c) => c / p).ToList();
        return new ConstrainedResult(
            batch, EngineProbe.Median(plain), EngineProbe.Median(constrained), EngineProbe.Median(ratios),
            engine.ConstraintMaskTimings.Seconds(0.5), engine.ConstraintMaskTimings.Seconds(0.99), compileSeconds, warmCompileSeconds, firstRequestSeconds);
    }

    private static double Decode(LlmEngine engine, int[][] prompts, int[] maxTokens, Grammar grammar, out int[] lengths)
    {
        (var tokensPerSecond, lengths) = Decode(engine, prompts, maxTokens, grammar);
        return tokensPerSecond;
    }

    /// <summary>
    /// Aggregate tokens/s of one batch (every generated token over the time from submission to the last finish) and
    /// each sequence's length. Unconstrained sequences run to their <paramref name="maxTokens"/>; constrained ones stop
    /// when the grammar is complete (the budget also shapes the constraint, so it stays <c>genTokens</c> for them).
    /// </summary>
    private static (double TokensPerSecond, int[] Lengths) Decode(LlmEngine engine, int[][] prompts, int[] maxTokens, Grammar? grammar)
    {
        var start = Stopwatch.GetTimestamp();
        var tasks = prompts.Select((p, i) => engine.GenerateAllAsync(new GenerationRequest
        {
            PromptTokens = p,
            MaxTokens = maxTokens[i],
            IgnoreEndOfGeneration = grammar is null,
            Grammar = grammar,
        })).ToArray();
        Task.WaitAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var lengths = tasks.Select(t => t.Result.Count(e => e.TokenId >= 0)).ToArray();
        return (lengths.Sum() / seconds, lengths);
    }
}

/// <summary>Throughput with and without a JSON-schema constraint on every sequence of one batch, and the constraint's own costs.</summary>
internal sealed record ConstrainedResult(
    int Batch, double UnconstrainedTokensPerSecond, double ConstrainedTokensPerSecond, double Ratio,
    double MaskSecondsP50, double MaskSecondsP99, double SchemaCompileSeconds, double SchemaCompileWarmSeconds, double FirstRequestSeconds);
