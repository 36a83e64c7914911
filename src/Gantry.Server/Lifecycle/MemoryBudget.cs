using Gantry.Server.Catalog;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// Whether one more model version fits the memory the server may use for models: the configured budget (or the
/// machine's available memory) against what loaded, loading and retiring versions hold (file bytes + KV cache each).
/// Asked before every load; the caller serializes loads, so the answer holds until the load is done.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>The budget: <paramref name="configured"/>, else what the GC reports as available to the process.</summary>
    public static long Total(long? configured) => configured ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Memory one version of a file would hold: the file (mapped weights) plus its KV cache.</summary>
    public static long Estimate(long fileBytes, long kvCacheBytes, long draftBytes) => fileBytes + kvCacheBytes + draftBytes;

    /// <summary>Throws <see cref="ModelLifecycleException"/> (507 insufficient_memory) when <paramref name="need"/> does not fit.</summary>
    public static void Check(ModelRegistry registry, long? configured, long need, string name, string version)
    {
        var total = Total(configured);
        var used = registry.AllSlots().Where(s => s.HoldsMemory).Sum(s => s.MemoryBytes);
        if (used + need <= total) return;
        throw new ModelLifecycleException(507, "insufficient_memory",
            $"Model '{name}' version '{version}' needs about {MiB(need)} (weights + KV cache) but only {MiB(Math.Max(0, total - used))} of the " +
            $"{MiB(total)} model memory is free ({MiB(used)} held by loaded versions); unload a model or raise the model memory limit");
    }

    private static string MiB(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";
}
