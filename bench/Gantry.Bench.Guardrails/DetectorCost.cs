using System.Diagnostics;
using System.Text;
using Gantry.Guardrails.Injection;

namespace Gantry.Bench.Guardrails;

/// <summary>What <see cref="InjectionDetector.Score"/> costs per 1 KB prompt, for the evaluations' reports.</summary>
internal static class DetectorCost
{
    /// <summary>Warm-up passes over all prompts: enough calls (tens per method at least) for tiered JIT to promote
    /// every hot method to tier 1.</summary>
    private const int WarmupPasses = 5;

    /// <summary>Pause after warm-up, so queued tier-1 compilations finish before timing.</summary>
    private const int SettleMs = 500;

    /// <summary>
    /// Prompts of exactly 1,024 characters (<see cref="Prompts1K"/>), each scored in 20 rounds
    /// once the detector is in steady state; p50 and p90 over every (prompt, round) wall-clock timing, the mean
    /// process CPU time per call (which waiting for a busy CPU does not inflate, unlike the wall-clock tail) and the
    /// five slowest prompts by their median. Single-threaded.
    /// </summary>
    /// <remarks>Steady state: tiered JIT first runs methods as tier-0 code and recompiles the hot ones at tier 1 on a
    /// background thread after about 30 calls (plus on-stack replacement for loops), so one warm-up pass measured
    /// tier-0 code and the compiler's own CPU time, and p50 varied by a third from run to run. Hence
    /// <see cref="WarmupPasses"/> passes, then a pause of <see cref="SettleMs"/> ms so the background tier-1
    /// compilation queued by the last pass finishes before the clock starts (and its CPU is not counted).</remarks>
    public static (double P50, double P90, int Prompts, int Rounds) Per1K(IEnumerable<string> texts, out List<(double Us, string Prompt)> slowest, out double cpuMean)
    {
        var prompts = Prompts1K(texts);
        const int rounds = 20;
        WarmUp(prompts.Count, i => InjectionDetector.Score(prompts[i]));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var timings = new List<double>(prompts.Count * rounds);
        var perPrompt = prompts.Select(_ => new List<double>(rounds)).ToList();
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < prompts.Count; i++)
            {
                var t = Stopwatch.GetTimestamp();
                InjectionDetector.Score(prompts[i]);
                var us = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                timings.Add(us);
                perPrompt[i].Add(us);
            }
        cpuMean = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / timings.Count;
        slowest = [.. perPrompt.Select((list, i) => (list.Order().ElementAt(list.Count / 2), prompts[i])).OrderByDescending(x => x.Item1).Take(5)];
        timings.Sort();
        return (timings[timings.Count / 2], timings[timings.Count * 9 / 10], prompts.Count, rounds);
    }

    /// <summary>Prompts of exactly 1,024 characters cut from <paramref name="texts"/> joined in order (a newline after
    /// each); the remainder shorter than 1 KB is dropped.</summary>
    public static List<string> Prompts1K(IEnumerable<string> texts)
    {
        var prompts = new List<string>();
        var current = new StringBuilder();
        foreach (var text in texts)
        {
            current.Append(text).Append('\n');
            if (current.Length < 1024) continue;
            prompts.Add(current.ToString(0, 1024));
            current.Clear();
        }
        return prompts;
    }

    /// <summary>Brings <paramref name="run"/> (called for 0 ≤ i &lt; <paramref name="count"/>) to steady state before
    /// it is timed: <see cref="WarmupPasses"/> passes, then <see cref="SettleMs"/> ms for queued tier-1 compilations.</summary>
    public static void WarmUp(int count, Action<int> run)
    {
        for (var pass = 0; pass < WarmupPasses; pass++)
            for (var i = 0; i < count; i++) run(i);
        Thread.Sleep(SettleMs);
    }
}
