using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Gantry.Bench.Kernels;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

if (args.Length > 0 && args[0] == "bw")
{
    BandwidthProbe.Run(1);
    BandwidthProbe.Run(2);
    return;
}
if (args.Length > 0 && args[0] == "pool")
{
    PoolOverhead.Run();
    return;
}
if (args.Length > 0 && args[0] == "vs-llama")
{
    LlamaCppComparison.Run(args.Length > 1 ? args[1] : null);
    return;
}
if (args.Length > 0 && args[0] == "quick")
{
    QuickRun.Run(args);
    return;
}

// Short in-process runs: enough for a bandwidth figure on a shared machine, not for publication-grade error bars.
var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
Console.WriteLine($"Kernel path: {KernelPaths.Best}, threads: {Gantry.Tensors.Threading.WorkerPool.DefaultThreadCount}");

var summary = BenchmarkSwitcher.FromAssembly(typeof(MatVecBenchmarks).Assembly).Run(args, config);

// GB/s of weights read: the figure that decode speed is bound by.
var results = new List<Dictionary<string, object>>();
foreach (var s in summary)
{
    foreach (var report in s.Reports)
    {
        if (report.ResultStatistics is not { } stats) continue;
        var p = report.BenchmarkCase.Parameters;
        var type = (GgmlType)p["Type"];
        var shape = ((string)p["Shape"]).Split('x');
        long bytes = long.Parse(shape[0]) * GgmlTypeInfo.RowBytes(type, long.Parse(shape[1]));
        double gbps = bytes / stats.Mean; // bytes per ns = GB/s
        results.Add(new()
        {
            ["type"] = type.ToString(),
            ["shape"] = (string)p["Shape"],
            ["n"] = (int)p["N"],
            ["mean_us"] = Math.Round(stats.Mean / 1000, 1),
            ["weight_gb_per_s"] = Math.Round(gbps, 2),
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-5} {p["Shape"],-11} n={p["N"],-2} {stats.Mean / 1000,10:F1} us {gbps,7:F2} GB/s"));
    }
}
File.WriteAllText("matvec-results.json", JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
