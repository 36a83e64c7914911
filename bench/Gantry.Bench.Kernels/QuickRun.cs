using System.Diagnostics;
using System.Globalization;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Bench.Kernels;

/// <summary>
/// `quick [type] [shape] [n] [path]`: a Stopwatch loop over the same cases as <see cref="MatVecBenchmarks"/>, for
/// fast iteration while tuning (seconds, not minutes). BenchmarkDotNet gives the recorded numbers.
/// </summary>
internal static class QuickRun
{
    public static void Run(string[] args)
    {
        var types = args.Length > 1 && args[1] != "*" ? [Enum.Parse<GgmlType>(args[1])] : new[] { GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K };
        var shapes = args.Length > 2 && args[2] != "*" ? [args[2]] : new[] { "2048x2048", "5632x2048", "2048x5632", "32000x2048" };
        var ns = args.Length > 3 && args[3] != "*" ? [int.Parse(args[3])] : new[] { 1, 8 };
        var path = args.Length > 4 ? Enum.Parse<KernelPath>(args[4]) : KernelPaths.Best;
        foreach (var type in types)
        foreach (var shape in shapes)
        foreach (int n in ns)
        {
            var bench = new MatVecBenchmarks { Type = type, Shape = shape, N = n };
            bench.Setup();
            bench.Path = path;
            // Long enough for tiered JIT to reach the optimized kernels (and OSR to leave the loops) before timing;
            // five calls were not, and left some cases timing Tier0 code for part of the loop.
            var warmup = Stopwatch.StartNew();
            while (warmup.ElapsedMilliseconds < 400) bench.Multiply();
            // CPU time as well as wall time: on a shared machine the CPU time per call is the stable figure for
            // comparing kernel variants (with GANTRY_HOT=1 GANTRY_THREADS=1).
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            int calls = 0;
            while (sw.ElapsedMilliseconds < 700)
            {
                bench.Multiply();
                calls++;
            }
            double ns1 = sw.Elapsed.TotalNanoseconds / calls;
            double cpuNs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalNanoseconds / calls;
            // The machine's streaming-read rate right after, with the same threads, so a shared machine's load
            // affects both figures alike.
            double probe = BandwidthProbe.Measure(bench.Pool, 400);
            double gbps = bench.WeightBytes / ns1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{type,-5} {shape,-11} n={n,-2} {path,-9} {ns1 / 1000,10:F1} us {gbps,7:F2} GB/s ({100 * gbps / probe,3:F0}% of {probe:F2} read probe)   cpu {cpuNs / 1000,10:F1} us"));
            bench.Cleanup();
        }
    }
}
