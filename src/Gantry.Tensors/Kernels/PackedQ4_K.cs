using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Q4_K rows packed for <see cref="PackedKRows8{TFormat}"/>: levels are the nibbles (0..15), one scale per 32 values
/// (S_R = d·sc_R), and the mins as the offset term (M_j = (m_j, m_j), D = −dmin), so the kernel's
/// Σ_s S_s·Σq·x + D·Σ_j m_j·Σx_j is Q4_K's d·Σ sc·q·x − dmin·Σ m·Σx.
/// </summary>
internal readonly unsafe struct PackedQ4_K : IPackedKFormat
{
    public static bool ScalePer16 => false;

    /// <summary>Packs eight Q4_K rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q4_K rows.</param>
    /// <param name="dst">(cols / 256, <see cref="PackedKRows8{TFormat}.BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        nint stride = rowBytes;
        int blockBytes = PackedKRows8<PackedQ4_K>.BlockBytes;
        for (int b = 0; b < cols / BlockQ4_K.BlockSize; b++, w += BlockQ4_K.BlockBytes, dst += blockBytes)
        {
            // Chunk c of 32 bytes holds run 2c in its low nibbles and run 2c + 1 in its high nibbles.
            for (int c = 0; c < 4; c++)
            {
                byte* q = w + BlockQ4_K.QsOffset + 32 * c;
                var q0 = Vector256.Load(q);
                var q1 = Vector256.Load(q + stride);
                var q2 = Vector256.Load(q + 2 * stride);
                var q3 = Vector256.Load(q + 3 * stride);
                var q4 = Vector256.Load(q + 4 * stride);
                var q5 = Vector256.Load(q + 5 * stride);
                var q6 = Vector256.Load(q + 6 * stride);
                var q7 = Vector256.Load(q + 7 * stride);
                PackedRows8.Transpose(Low(q0), Low(q1), Low(q2), Low(q3), Low(q4), Low(q5), Low(q6), Low(q7), dst + 2 * c * 256);
                PackedRows8.Transpose(High(q0), High(q1), High(q2), High(q3), High(q4), High(q5), High(q6), High(q7), dst + (2 * c + 1) * 256);
            }
            PackScalesAndMins(w, stride, dst);
        }
    }

    // Each row's eight scales and mins unpacked as vectors (lane j = sub-block j), then transposed so lane r = row r.
    // All in registers: a reload of scale bytes just stored would miss store forwarding on every row.
    [SkipLocalsInit]
    private static void PackScalesAndMins(byte* w, nint stride, byte* dst)
    {
        var scales = stackalloc Vector256<float>[8];
        var pairs = stackalloc Vector256<int>[8];
        float* factor = (float*)(dst + PackedKRows8<PackedQ4_K>.FactorOffset);
        for (int r = 0; r < 8; r++)
        {
            byte* block = w + r * stride;
            DotQ4_K.UnpackScaleBytes(block, out ulong sc, out ulong m);
            var mins = Avx2.ConvertToVector256Int32(Vector128.CreateScalar(m).AsByte());
            scales[r] = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalar(sc).AsByte())) * Fp16.Load(block);
            pairs[r] = mins | (mins << 16);
            factor[r] = -Fp16.Load(block + 2);
        }
        PackedRows8.Transpose(scales, dst + PackedKRows8<PackedQ4_K>.ScaleOffset);
        PackedRows8.Transpose(pairs, dst + PackedKRows8<PackedQ4_K>.PairOffset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Low(Vector256<byte> q) => q & Vector256.Create((byte)0x0F);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> High(Vector256<byte> q) => (q.AsUInt16() >> 4).AsByte() & Vector256.Create((byte)0x0F);
}
