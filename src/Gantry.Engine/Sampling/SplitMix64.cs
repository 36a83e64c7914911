namespace Gantry.Engine.Sampling;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014), the generator Blackman and Vigna recommend for expanding one
/// 64-bit seed into xoshiro's 256-bit state: nearby seeds give unrelated states, and it never yields
/// the all-zero state xoshiro cannot leave.
/// </summary>
internal static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
