using Gantry.Models;

namespace Gantry.Engine.KvCache;

/// <summary>
/// Content addresses of full blocks: a hash chained over the block's tokens and its parent's hash, so equal hashes
/// mean equal prefixes. The first block is salted with an isolation key (tenant or request <c>cache_salt</c>), so one
/// tenant's cached prompt is never reused, nor its hit timed, by another, and with the sequence's LoRA adapters.
/// </summary>
public static class BlockHasher
{
    private const ulong Prime = 0x100000001B3UL;

    /// <summary>The parent hash of a sequence's first block for a given isolation key (null = shared).</summary>
    public static ulong Root(string? isolationKey)
    {
        var h = 0xCBF29CE484222325UL;
        if (isolationKey is null) return SplitMix64.Mix(h);
        foreach (var ch in isolationKey)
        {
            h ^= ch;
            h *= Prime;
        }
        return SplitMix64.Mix(h ^ 0x5A17UL);
    }

    /// <summary>
    /// The root for sequences that run with LoRA adapters: their keys and values differ from the base model's for the
    /// same tokens, so their blocks live under a root of their own (<paramref name="adapterKey"/> 0 = no adapter).
    /// </summary>
    public static ulong Root(string? isolationKey, ulong adapterKey)
    {
        var root = Root(isolationKey);
        return adapterKey == 0 ? root : SplitMix64.Mix(root ^ SplitMix64.Mix(adapterKey ^ 0x10AAUL));
    }

    public static ulong Chain(ulong parent, ReadOnlySpan<int> tokens)
    {
        var h = parent;
        foreach (var t in tokens) h = SplitMix64.Mix(h ^ (uint)t) * Prime;
        return SplitMix64.Mix(h ^ (ulong)tokens.Length);
    }
}
