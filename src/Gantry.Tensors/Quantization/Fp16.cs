using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // Every half's float value, as ggml's ggml_table_f32_f16: one L1/L2 load per block scale in the kernels,
    // where the software Half conversion costs more than the block's whole integer dot. 256 KiB, never freed.
    internal static readonly unsafe float* Table = CreateTable();

    /// <summary>Reads the (possibly unaligned) half at <paramref name="p"/> as float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe float Load(byte* p) => Table[Unsafe.ReadUnaligned<ushort>(p)];

    private static unsafe float* CreateTable()
    {
        var table = (float*)NativeMemory.AlignedAlloc(65536 * sizeof(float), 64);
        for (int i = 0; i < 65536; i++)
        {
            table[i] = ToFloat((ushort)i);
        }
        return table;
    }

    /// <summary>Writes <paramref name="value"/> rounded to half at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Store(byte* p, float value) => Unsafe.WriteUnaligned(p, FromFloat(value));
}
