using System.Diagnostics;
using System.Text;
using Gantry.Guardrails.Injection;

namespace Gantry.Bench.Guardrails;

/// <summary>What <see cref="InjectionDetector.Score"/> costs per 1 KB prompt, for the evaluations' reports.</summary>
internal static class DetectorCost
{
    /// <summary>
    /// Prompts of exactly 1,024 characters cut from <paramref name="texts"/> joined in order, each scored in 20 rounds
    /// after a warm-up pass (JIT, regex construction); p50 and p90 over every (prompt, round) wall-clock timing, the
    /// mean process CPU time per call (which waiting for a busy CPU does not inflate, unlike the wall-clock tail) and
    /// the five slowest prompts by their median. Single-threaded.
    /// </summary>
    public static (double P50, double P90, int Prompts, int Rounds) Per1K(IEnumerable<string> texts, out List<(double Us, string Prompt)> slowest, out double cpuMean)
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
        const int rounds = 20;
        foreach (var p in prompts) InjectionDetector.Score(p);
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
}
