using System.Numerics;
using System.Security.Cryptography;
using Gantry.Models;

namespace Gantry.Engine.Sampling;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018): a small, fast generator with a published reference, so a
/// seed reproduces the same draws on every platform and .NET version (System.Random with a seed makes
/// no such promise).
/// </summary>
/// <remarks>Not thread-safe; each <see cref="Sampler"/> owns one.</remarks>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Expands <paramref name="seed"/> into the 256-bit state with SplitMix64, as the authors recommend.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    private Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>Starts from a raw state (not all zero), to check against the reference outputs.</summary>
    internal static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new(s0, s1, s2, s3);

    /// <summary>A seed from the operating system's cryptographic source, for requests that give none.</summary>
    public static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1): the top 53 bits as a double's mantissa, so every value is exact and 1 is never returned.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
