using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Sixteen consecutive Q8_0 or Q4_0 rows repacked at load for the zmm machine-code kernels (<see cref="NativeVnni"/>):
/// <see cref="CompactRows8"/>'s layout for rows 0–7 and for rows 8–15, interleaved so that each 64-byte vector
/// holds the same quad position of all sixteen rows, at exactly the file's size.
/// </summary>
/// <remarks>
/// One zmm vpdpbusd then serves sixteen rows with one broadcast of the token's quad, where two ymm ones need two:
/// on AMD Zen 4 (which splits a zmm instruction into two halves, so the multiply-add rate is the same) this ran
/// 20% more multiply-adds per cycle at four and five tokens, the compute-bound steps of batches and speculative
/// verification. Layout of one block: Q8_0 W_0 … W_7 (8 × 64 bytes; bytes 0–31 of W_k are CompactRows8's W_k for
/// rows 0–7, bytes 32–63 the same for rows 8–15) then 16 × fp16; Q4_0 P_0 … P_3 (4 × 64 bytes, split likewise)
/// then 16 × fp16. 544 and 288 bytes a block.
/// </remarks>
internal static unsafe class CompactRows16
{
    /// <summary>Bytes of one Q8_0 block of sixteen rows.</summary>
    public const int Q8_0BlockBytes = 2 * CompactRows8.Q8_0BlockBytes;

    /// <summary>Bytes of one Q4_0 block of sixteen rows.</summary>
    public const int Q4_0BlockBytes = 2 * CompactRows8.Q4_0BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Q8_0GroupBytes(int cols) => cols / 32 * Q8_0BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Q4_0GroupBytes(int cols) => cols / 32 * Q4_0BlockBytes;

    /// <summary>Packs sixteen Q8_0 rows starting at <paramref name="w"/> (row stride <paramref name="rowBytes"/>) into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ8_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        byte* low = stackalloc byte[8 * 32];
        byte* high = stackalloc byte[8 * 32];
        byte* w8 = w + 8L * rowBytes;
        for (int b = 0; b < cols / 32; b++, w += BlockQ8_0.BlockBytes, w8 += BlockQ8_0.BlockBytes, dst += Q8_0BlockBytes)
        {
            PackedRows8.TransposeFlipped(w, rowBytes, low);
            PackedRows8.TransposeFlipped(w8, rowBytes, high);
            Interleave(low, high, 8, dst);
            CopyScales(w, rowBytes, (ushort*)(dst + 8 * 64));
        }
    }

    /// <summary>Packs sixteen Q4_0 rows starting at <paramref name="w"/> into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ4_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        byte* low = stackalloc byte[4 * 32];
        byte* high = stackalloc byte[4 * 32];
        byte* w8 = w + 8L * rowBytes;
        for (int b = 0; b < cols / 32; b++, w += BlockQ4_0.BlockBytes, w8 += BlockQ4_0.BlockBytes, dst += Q4_0BlockBytes)
        {
            NibbleRows8.TransposeQuads(w, rowBytes, low);
            NibbleRows8.TransposeQuads(w8, rowBytes, high);
            Interleave(low, high, 4, dst);
            CopyScales(w, rowBytes, (ushort*)(dst + 4 * 64));
        }
    }

    // Vector k of the sixteen-row block: rows 0-7's 32 bytes, then rows 8-15's.
    private static void Interleave(byte* low, byte* high, int vectors, byte* dst)
    {
        for (int k = 0; k < vectors; k++)
        {
            Buffer.MemoryCopy(low + 32 * k, dst + 64 * k, 32, 32);
            Buffer.MemoryCopy(high + 32 * k, dst + 64 * k + 32, 32, 32);
        }
    }

    private static void CopyScales(byte* w, nint rowBytes, ushort* d)
    {
        CompactRows8.CopyScales(w, rowBytes, d);
        CompactRows8.CopyScales(w + 8 * rowBytes, rowBytes, d + 8);
    }
}
