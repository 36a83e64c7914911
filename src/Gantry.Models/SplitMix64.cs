namespace Gantry.Models;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast generator whose output is fixed by its seed on every platform and
/// .NET version. The one copy for the whole product: model synthesis draws weights with it, the sampler expands a seed
/// into xoshiro's state with it (as Blackman and Vigna recommend: nearby seeds give unrelated states, never the all-zero
/// one), and prefix-cache block hashes and the gateway's hash ring use its finaliser <see cref="Mix"/>.
/// </summary>
public struct SplitMix64(ulong seed)
{
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    public ulong Next() => Next(ref _state);

    /// <summary>Uniform in [0, 1) with 24 bits of precision.</summary>
    public float NextFloat() => (Next() >> 40) * (1f / (1 << 24));

    /// <summary>Advances <paramref name="state"/> by <see cref="Gamma"/> and returns the mixed value.</summary>
    public static ulong Next(ref ulong state) => Mix(state += Gamma);

    /// <summary>The finaliser: full avalanche, so nearby inputs give unrelated outputs.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
