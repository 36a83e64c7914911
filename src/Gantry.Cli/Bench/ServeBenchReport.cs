using System.Text.Json;

namespace Gantry.Cli.Bench;

/// <summary>What <c>bench-serve</c> reports, in the shape of <c>vllm bench serve</c>'s result (milliseconds for latencies).</summary>
internal sealed record ServeBenchReport(
    double DurationS, int Completed, int Failed, long TotalInputTokens, long TotalOutputTokens,
    double RequestThroughput, double OutputThroughput, double TotalTokenThroughput,
    Percentiles TtftMs, Percentiles TpotMs, Percentiles ItlMs, Percentiles E2elMs,
    string? FirstError, double CpuSeconds, double CpuSecondsPer1000OutputTokens)
{
    /// <param name="cpuSeconds">
    /// CPU time (user + system, all threads) this process spent in the timed window: with <c>--direct</c> the engine
    /// and the load generator, over HTTP the load generator alone (the server's CPU is the other process's).
    /// </param>
    public static ServeBenchReport From(RequestTiming[] results, double seconds, LoadSpec spec, double cpuSeconds = 0)
    {
        var ok = results.Where(r => r.Ok).ToList();
        long output = ok.Sum(r => (long)r.OutputTokens);
        long input = (long)ok.Count * spec.PromptTokens;
        var tpot = ok.Where(r => r.OutputTokens > 1).Select(r => (r.EndToEnd - r.TimeToFirstToken) / (r.OutputTokens - 1)).ToList();
        return new ServeBenchReport(
            seconds, ok.Count, results.Length - ok.Count, input, output,
            ok.Count / seconds, output / seconds, (input + output) / seconds,
            Percentiles.Of(ok.Select(r => r.TimeToFirstToken)),
            Percentiles.Of(tpot),
            Percentiles.Of(ok.SelectMany(r => r.InterTokenLatencies)),
            Percentiles.Of(ok.Select(r => r.EndToEnd)),
            results.FirstOrDefault(r => !r.Ok)?.Error,
            cpuSeconds, output > 0 ? cpuSeconds * 1000 / output : 0);
    }

    public string ToJson() => JsonSerializer.Serialize(this, BenchJson.Default.ServeBenchReport);

    public string ToText() =>
        $"""
        ============ Serving Benchmark Result ============
        Successful requests:                     {Completed}
        Failed requests:                         {Failed}
        Benchmark duration (s):                  {DurationS:F2}
        Total input tokens:                      {TotalInputTokens}
        Total generated tokens:                  {TotalOutputTokens}
        Request throughput (req/s):              {RequestThroughput:F2}
        Output token throughput (tok/s):         {OutputThroughput:F2}
        Total token throughput (tok/s):          {TotalTokenThroughput:F2}
        TTFT ms   mean {TtftMs.Mean,8:F2}  p50 {TtftMs.P50,8:F2}  p90 {TtftMs.P90,8:F2}  p99 {TtftMs.P99,8:F2}
        TPOT ms   mean {TpotMs.Mean,8:F2}  p50 {TpotMs.P50,8:F2}  p90 {TpotMs.P90,8:F2}  p99 {TpotMs.P99,8:F2}
        ITL ms    mean {ItlMs.Mean,8:F2}  p50 {ItlMs.P50,8:F2}  p90 {ItlMs.P90,8:F2}  p99 {ItlMs.P99,8:F2}
        E2EL ms   mean {E2elMs.Mean,8:F2}  p50 {E2elMs.P50,8:F2}  p90 {E2elMs.P90,8:F2}  p99 {E2elMs.P99,8:F2}
        CPU s (this process)                     {CpuSeconds:F2} ({CpuSecondsPer1000OutputTokens:F3} per 1,000 output tokens)
        ==================================================
        """ + (FirstError is null ? "" : "\nfirst error: " + FirstError);
}

/// <summary>Mean and percentiles of a sample, in milliseconds (input in seconds).</summary>
internal sealed record Percentiles(double Mean, double P50, double P90, double P99)
{
    public static Percentiles Of(IEnumerable<double> seconds)
    {
        var v = seconds.Select(s => s * 1000).OrderBy(x => x).ToArray();
        if (v.Length == 0) return new Percentiles(0, 0, 0, 0);
        return new Percentiles(v.Average(), At(v, 0.50), At(v, 0.90), At(v, 0.99));
    }

    private static double At(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ServeBenchReport))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
