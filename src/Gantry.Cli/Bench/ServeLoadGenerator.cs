using System.Diagnostics;

namespace Gantry.Cli.Bench;

/// <summary>
/// What to send: N requests of P prompt tokens (the first S shared by all) generating G tokens each, after W untimed
/// warm-up requests.
/// </summary>
internal sealed record LoadSpec(int Concurrency, int Requests, int PromptTokens, int GenTokens, double RequestRate, int SharedPrefixTokens,
    ulong Seed, TimeSpan? Duration, int WarmupRequests);

/// <summary>
/// Sends a <see cref="LoadSpec"/> to a target the way <c>vllm bench serve</c> does: arrivals at <c>--request-rate</c>
/// (Poisson; infinity = all at once), at most <c>--concurrency</c> in flight. With a duration it keeps sending until
/// the time is up instead of stopping after N requests. Untimed warm-up requests go first (by default one per
/// concurrency slot; a short run of a small model needs more, or tier-0 code and the JIT itself are timed).
/// </summary>
internal static class ServeLoadGenerator
{
    public static async Task<ServeBenchReport> RunAsync(IBenchTarget target, LoadSpec spec, CancellationToken ct)
    {
        // Untimed warm-up so both targets are measured after JIT, not during it.
        if (spec.WarmupRequests > 0)
        {
            await RunTimedAsync(target, spec with { Requests = spec.WarmupRequests, RequestRate = double.PositiveInfinity, Duration = null, Seed = spec.Seed + 1 }, ct).ConfigureAwait(false);
        }
        return await RunTimedAsync(target, spec, ct).ConfigureAwait(false);
    }

    private static async Task<ServeBenchReport> RunTimedAsync(IBenchTarget target, LoadSpec spec, CancellationToken ct)
    {
        var rng = new Random(unchecked((int)spec.Seed));
        var shared = Tokens(rng, spec.SharedPrefixTokens);
        using var slots = new SemaphoreSlim(spec.Concurrency);
        var tasks = new List<Task<RequestTiming>>();
        var cpuStart = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        var next = 0.0;
        for (var i = 0; spec.Duration is null ? i < spec.Requests : Stopwatch.GetElapsedTime(start) < spec.Duration; i++)
        {
            if (!double.IsPositiveInfinity(spec.RequestRate))
            {
                next += -Math.Log(1 - rng.NextDouble()) / spec.RequestRate;
                var wait = TimeSpan.FromSeconds(next) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
            }
            await slots.WaitAsync(ct).ConfigureAwait(false);
            var prompt = shared.Concat(Tokens(rng, spec.PromptTokens - spec.SharedPrefixTokens)).ToArray();
            tasks.Add(RunOne(target, prompt, spec.GenTokens, slots, ct));
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return ServeBenchReport.From(results, seconds, spec, (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
    }

    private static async Task<RequestTiming> RunOne(IBenchTarget target, int[] prompt, int gen, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            return await target.RunAsync(prompt, gen, ct).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Random ids in [10, 250): ordinary tokens in every vocabulary of at least 256 entries.</summary>
    private static int[] Tokens(Random rng, int count)
    {
        var t = new int[count];
        for (var i = 0; i < count; i++) t[i] = rng.Next(10, 250);
        return t;
    }
}
