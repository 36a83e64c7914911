using System.Diagnostics;
using Gantry.Engine;

namespace Gantry.Cli.Bench;

/// <summary>Timed requests through a live <see cref="LlmEngine"/>: time to first token, and batched decode.</summary>
internal static class EngineProbe
{
    /// <summary>Seconds from submitting <paramref name="prompt"/> to its first generated token.</summary>
    public static double TimeToFirstToken(LlmEngine engine, int[] prompt) =>
        TimeToFirstTokenAsync(engine, prompt).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="prompts"/> as concurrent requests of <paramref name="genTokens"/> tokens each and returns the
    /// aggregate decode rate: tokens generated after every request has its first token (all prefills done), divided
    /// by the time from then until the last request finishes. Meanwhile samples the engine's KV waste whenever all
    /// requests are running.
    /// </summary>
    public static DecodeSample Decode(LlmEngine engine, IReadOnlyList<int[]> prompts, int genTokens) =>
        DecodeAsync(engine, prompts, genTokens).GetAwaiter().GetResult();

    /// <summary>The token ids one greedy request of <paramref name="genTokens"/> tokens produces (untimed).</summary>
    public static int[] Generate(LlmEngine engine, int[] prompt, int genTokens) =>
        GenerateAsync(engine, prompt, genTokens).GetAwaiter().GetResult();

    private static async Task<int[]> GenerateAsync(LlmEngine engine, int[] prompt, int genTokens)
    {
        var tokens = new List<int>(genTokens);
        await foreach (var e in engine.GenerateAsync(Request(prompt, genTokens)).ConfigureAwait(false))
        {
            if (e.TokenId >= 0) tokens.Add(e.TokenId);
            ThrowIfError(e);
        }
        return [.. tokens];
    }

    private static GenerationRequest Request(int[] prompt, int maxTokens) =>
        new() { PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEndOfGeneration = true };

    private static async Task<double> TimeToFirstTokenAsync(LlmEngine engine, int[] prompt)
    {
        var start = Stopwatch.GetTimestamp();
        double? first = null;
        await foreach (var e in engine.GenerateAsync(Request(prompt, 1)).ConfigureAwait(false))
        {
            if (e.TokenId >= 0) first ??= Stopwatch.GetElapsedTime(start).TotalSeconds;
            ThrowIfError(e);
        }
        return first ?? throw new InvalidOperationException("the request finished without a token");
    }

    private static async Task<DecodeSample> DecodeAsync(LlmEngine engine, IReadOnlyList<int[]> prompts, int genTokens)
    {
        var stamps = new List<long>[prompts.Count];
        using var done = new CancellationTokenSource();
        var waste = new List<double>();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var s = engine.Stats;
                if (s.Running == prompts.Count && s.Waiting == 0)
                {
                    lock (waste) waste.Add(s.KvWasteFraction);
                }
                try
                {
                    await Task.Delay(5, done.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        // Also sample on every token: a small model can finish a whole decode between two 5 ms polls.
        void OnToken()
        {
            var s = engine.Stats;
            if (s.Running != prompts.Count || s.Waiting != 0) return;
            lock (waste) waste.Add(s.KvWasteFraction);
        }
        var requests = prompts.Select((p, i) => Collect(engine, p, genTokens, stamps[i] = new List<long>(genTokens), OnToken)).ToArray();
        await Task.WhenAll(requests).ConfigureAwait(false);
        done.Cancel();
        await sampler.ConfigureAwait(false);

        var allStarted = stamps.Max(s => s[0]);
        var end = stamps.Max(s => s[^1]);
        var tokens = stamps.Sum(s => s.Count(t => t > allStarted));
        var seconds = Stopwatch.GetElapsedTime(allStarted, end).TotalSeconds;
        return new DecodeSample(seconds > 0 ? tokens / seconds : 0, tokens, waste.Count > 0 ? Median(waste) : null);
    }

    /// <summary>
    /// The KV waste with all of <paramref name="prompts"/> running, for when <see cref="Decode"/> saw no such moment (a
    /// small model can run a whole short decode between two looks on a busy machine). Untimed: the requests may
    /// generate up to <paramref name="maxTokens"/> (the model's whole remaining context, far more than a look takes) and
    /// are cancelled as soon as one snapshot shows them all running. Null only if they all finish before any look,
    /// or after 60 s.
    /// </summary>
    public static double? WasteWhileAllRunning(LlmEngine engine, IReadOnlyList<int[]> prompts, int maxTokens) =>
        WasteWhileAllRunningAsync(engine, prompts, maxTokens).GetAwaiter().GetResult();

    private static async Task<double?> WasteWhileAllRunningAsync(LlmEngine engine, IReadOnlyList<int[]> prompts, int maxTokens)
    {
        using var stop = new CancellationTokenSource();
        var requests = prompts.Select(p => DrainAsync(engine, p, maxTokens, stop.Token)).ToArray();
        var all = Task.WhenAll(requests);
        // Looks from a thread of its own, not a thread-pool continuation: on a starved machine the pool can run the
        // requests' continuations to the end before a delayed look comes round (a test once missed the window so).
        var waste = await Task.Factory.StartNew(() =>
        {
            var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
            while (!all.IsCompleted && Stopwatch.GetTimestamp() < deadline)
            {
                var s = engine.Stats;
                if (s.Running == prompts.Count && s.Waiting == 0) return (double?)s.KvWasteFraction;
                Thread.Sleep(1);
            }
            return null;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
        return waste;
    }

    private static async Task DrainAsync(LlmEngine engine, int[] prompt, int maxTokens, CancellationToken stop)
    {
        try
        {
            await foreach (var e in engine.GenerateAsync(Request(prompt, maxTokens), stop).ConfigureAwait(false)) ThrowIfError(e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task Collect(LlmEngine engine, int[] prompt, int genTokens, List<long> stamps, Action onToken)
    {
        await foreach (var e in engine.GenerateAsync(Request(prompt, genTokens)).ConfigureAwait(false))
        {
            if (e.TokenId >= 0)
            {
                stamps.Add(Stopwatch.GetTimestamp());
                onToken();
            }
            ThrowIfError(e);
        }
        if (stamps.Count == 0) throw new InvalidOperationException("a request finished without a token");
    }

    private static void ThrowIfError(TokenEvent e)
    {
        if (e.FinishReason == FinishReason.Error) throw new InvalidOperationException("generation failed: " + e.Error);
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

/// <param name="TokensPerSecond">Aggregate over the batch.</param>
/// <param name="KvWasteFraction">Median over the samples taken while every request was running; null if none was.</param>
internal sealed record DecodeSample(double TokensPerSecond, int Tokens, double? KvWasteFraction);
