using Gantry.Tensors.Kernels;

namespace Gantry.Bench.LlamaCpp;

/// <summary>What a result was measured on: a speed figure holds only for the CPU that produced it.</summary>
internal static class MachineInfo
{
    // The flags that decide which kernels either engine can run.
    private static readonly string[] SimdFlags =
        ["avx2", "fma", "f16c", "avx_vnni", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512vbmi", "amx_int8"];

    public static object Describe()
    {
        string model = "unknown";
        var flags = new HashSet<string>();
        if (File.Exists("/proc/cpuinfo"))
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                if (key == "model name" && model == "unknown") model = line[(colon + 1)..].Trim();
                if (key == "flags" && flags.Count == 0) flags.UnionWith(line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new
        {
            CpuModel = model,
            LogicalCpus = Environment.ProcessorCount,
            Simd = SimdFlags.Where(flags.Contains).ToArray(),
            GantryKernelPath = KernelPaths.Best.ToString(),
        };
    }
}
