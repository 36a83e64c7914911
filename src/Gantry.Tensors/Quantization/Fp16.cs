using System.Runtime.CompilerServices;

namespace Gantry.Tensors.Quantization;

/// <summary>IEEE half-precision conversions as ggml does them on x86 (F16C: round to nearest even).</summary>
public static class Fp16
{
    /// <summary>Rounds to the nearest half (ties to even) and returns its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort FromFloat(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>Exact widening of half bits to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToFloat(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    /// <summary>Reads the (possibly unaligned) half at <paramref name="p"/> as float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe float Load(byte* p) => ToFloat(Unsafe.ReadUnaligned<ushort>(p));

    /// <summary>Writes <paramref name="value"/> rounded to half at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Store(byte* p, float value) => Unsafe.WriteUnaligned(p, FromFloat(value));
}
