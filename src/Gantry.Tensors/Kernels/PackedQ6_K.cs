using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Q6_K rows packed for <see cref="PackedKRows8{TFormat}"/>: levels are the unsigned 6-bit values (0..63), one scale
/// per 16 values (S_g = d·sc_g), and the −32 offset as the offset term (M_j = (sc_2j, sc_2j+1), D = −32·d), so the
/// kernel's Σ_g S_g·Σq·x + D·Σ_g sc_g·Σx_g is Q6_K's d·Σ_g sc_g·Σ(q − 32)·x.
/// </summary>
internal readonly unsafe struct PackedQ6_K : IPackedKFormat
{
    public static bool ScalePer16 => true;

    /// <summary>Packs eight Q6_K rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q6_K rows.</param>
    /// <param name="dst">(cols / 256, <see cref="PackedKRows8{TFormat}.BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        nint stride = rowBytes;
        int blockBytes = PackedKRows8<PackedQ6_K>.BlockBytes;
        for (int b = 0; b < cols / BlockQ6_K.BlockSize; b++, w += BlockQ6_K.BlockBytes, dst += blockBytes)
        {
            // Runs spelled out so each one's nibble and bit-pair selection is a constant.
            for (int half = 0; half < 2; half++)
            {
                byte* ql = w + 64 * half;
                byte* qh = w + BlockQ6_K.QhOffset + 32 * half;
                byte* runs = dst + 4 * half * 256;
                PackRun(ql, qh, stride, 0, runs);
                PackRun(ql, qh, stride, 1, runs + 256);
                PackRun(ql, qh, stride, 2, runs + 512);
                PackRun(ql, qh, stride, 3, runs + 768);
            }
            PackScales(w, stride, dst);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackRun(byte* ql, byte* qh, nint stride, int run, byte* dst)
        => PackedRows8.Transpose(
            Levels(ql, qh, run),
            Levels(ql + stride, qh + stride, run),
            Levels(ql + 2 * stride, qh + 2 * stride, run),
            Levels(ql + 3 * stride, qh + 3 * stride, run),
            Levels(ql + 4 * stride, qh + 4 * stride, run),
            Levels(ql + 5 * stride, qh + 5 * stride, run),
            Levels(ql + 6 * stride, qh + 6 * stride, run),
            Levels(ql + 7 * stride, qh + 7 * stride, run),
            dst);

    // Each row's 16 scales widened as vectors (lane g or j), then transposed so lane r = row r.
    [SkipLocalsInit]
    private static void PackScales(byte* w, nint stride, byte* dst)
    {
        var low = stackalloc Vector256<float>[8];
        var high = stackalloc Vector256<float>[8];
        var pairs = stackalloc Vector256<short>[8];
        float* factor = (float*)(dst + PackedKRows8<PackedQ6_K>.FactorOffset);
        for (int r = 0; r < 8; r++)
        {
            byte* block = w + r * stride;
            sbyte* sc = (sbyte*)(block + BlockQ6_K.ScalesOffset);
            float d = Fp16.Load(block + BlockQ6_K.DOffset);
            low[r] = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(sc)) * d;
            high[r] = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(sc + 8)) * d;
            pairs[r] = Avx2.ConvertToVector256Int16(sc);  // 32-bit lane j = (sc_2j, sc_2j+1)
            factor[r] = -32 * d;
        }
        byte* scales = dst + PackedKRows8<PackedQ6_K>.ScaleOffset;
        PackedRows8.Transpose(low, scales);
        PackedRows8.Transpose(high, scales + 8 * 32);
        PackedRows8.Transpose(pairs, dst + PackedKRows8<PackedQ6_K>.PairOffset);
    }

    /// <summary>
    /// Run <paramref name="run"/> (0..3) of a 128-value half as 32 unsigned levels: its low nibbles from ql (bytes
    /// 0-31 or 32-63, low or high nibble) and its bit pair of qh moved to bits 4-5.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Levels(byte* ql, byte* qh, int run)
    {
        var low = Vector256.Load(ql + 32 * (run & 1)).AsUInt16();
        var nibble = (run < 2 ? low : low >> 4).AsByte() & Vector256.Create((byte)0x0F);
        var h = Vector256.Load(qh).AsUInt16();
        var high = run switch { 0 => h << 4, 1 => h << 2, 2 => h, _ => h >> 2 };
        return nibble | (high.AsByte() & Vector256.Create((byte)0x30));
    }
}
