using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// The two 8-bit dot primitives the AVX kernels are written against, so one kernel body serves AVX2 and VNNI
/// (the JIT specializes each struct implementation; no indirection remains).
/// </summary>
internal interface IIntDotOps
{
    /// <summary>acc + Σ a·b over each 4 adjacent bytes, a and b signed (the sign trick: |a| · sign(b, a)).</summary>
    static abstract Vector256<int> DotSigned(Vector256<int> acc, Vector256<sbyte> a, Vector256<sbyte> b);

    /// <summary>acc + Σ over each 4 adjacent bytes of u·x·scale, u unsigned ≤ 127 and scale per 16-bit pair.</summary>
    static abstract Vector256<int> DotScaled(Vector256<int> acc, Vector256<byte> u, Vector256<sbyte> x, Vector256<short> scale);

    /// <summary>
    /// Σ (u - 8)·x over each 4 adjacent bytes, u a nibble (0..15): the Q4_0 dot as Σu·x - 8·Σx, which needs no
    /// sign trick and no unsigned-to-signed conversion of the weights.
    /// </summary>
    static abstract Vector256<int> DotNibblesMinus8(Vector256<byte> u, Vector256<sbyte> x);
}

/// <summary>AVX2: vpmaddubsw then vpmaddwd (products of |a| ≤ 128 and |b| ≤ 127 cannot saturate the 16-bit pair sums).</summary>
internal readonly struct Avx2Ops : IIntDotOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotSigned(Vector256<int> acc, Vector256<sbyte> a, Vector256<sbyte> b)
    {
        var pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(a), Avx2.Sign(b, a));
        return Avx2.Add(acc, Avx2.MultiplyAddAdjacent(pairs, Vector256<short>.One));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotScaled(Vector256<int> acc, Vector256<byte> u, Vector256<sbyte> x, Vector256<short> scale)
        => Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, x), scale));

    // Pair sums stay within 16 bits: |15·127·2| and |8·127·2| are both far below 32767.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotNibblesMinus8(Vector256<byte> u, Vector256<sbyte> x)
    {
        var pairs = Avx2.Subtract(Avx2.MultiplyAddAdjacent(u, x), Avx2.MultiplyAddAdjacent(Vector256.Create((byte)8), x));
        return Avx2.MultiplyAddAdjacent(pairs, Vector256<short>.One);
    }
}

/// <summary>VNNI: vpdpbusd fuses the byte products and their sum into the accumulator; vpdpwssd the scaled sums.</summary>
internal readonly struct VnniOps : IIntDotOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotSigned(Vector256<int> acc, Vector256<sbyte> a, Vector256<sbyte> b)
        => AvxVnni.MultiplyWideningAndAdd(acc, Avx2.Abs(a), Avx2.Sign(b, a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotScaled(Vector256<int> acc, Vector256<byte> u, Vector256<sbyte> x, Vector256<short> scale)
        => AvxVnni.MultiplyWideningAndAdd(acc, Avx2.MultiplyAddAdjacent(u, x), scale);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> DotNibblesMinus8(Vector256<byte> u, Vector256<sbyte> x)
        => Avx2.Subtract(AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, u, x),
                         AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, Vector256.Create((byte)8), x));
}

/// <summary>Portable 128-bit integer dots by widening (no pmaddubsw outside x86).</summary>
internal static class Vector128Int
{
    /// <summary>Σ a·b of 16 signed bytes, as four partial int sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Dot(Vector128<sbyte> a, Vector128<sbyte> b)
    {
        var lo = Vector128.WidenLower(a) * Vector128.WidenLower(b);   // |a·b| ≤ 128·127 fits in short
        var hi = Vector128.WidenUpper(a) * Vector128.WidenUpper(b);
        return Vector128.WidenLower(lo) + Vector128.WidenUpper(lo) + Vector128.WidenLower(hi) + Vector128.WidenUpper(hi);
    }

    /// <summary>Horizontal sum of a float vector, for the end of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v) => Vector128.Sum(v.GetLower() + v.GetUpper());
}
