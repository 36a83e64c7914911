using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// One activation row as the Q8_0 and Q4_0 kernels read it: the row's Q8_0 blocks, then a trailer with each block's
/// scale as a float and its quant sum Σx premultiplied by −128, by −8 and by −16.
/// </summary>
/// <remarks>
/// The trailer lets the VNNI kernels use the unsigned-weight form of <c>vpdpbusd</c>: with u = q + 128 (or the raw
/// nibble for Q4_0), Σq·x = Σu·x − 128·Σx, so the sign trick (two instructions per token and block) becomes one
/// correction read from here (premultiplied, so it loads straight into the accumulator with no scalar arithmetic
/// in the loop); and the float scale is broadcast straight from memory instead of decoded from
/// fp16 per token. The blocks come first and are unchanged, so the reference kernels read the same row.
/// </remarks>
internal static unsafe class Q8ActivationRow
{
    /// <summary>Bytes of one row of <paramref name="cols"/> values (a multiple of 4, so every row's trailer is aligned).</summary>
    public static int RowBytes(int cols) => TrailerOffset(cols) + cols / 32 * (sizeof(float) + 3 * sizeof(int));

    /// <summary>The row's float scales, one per block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Scales(byte* row, int cols) => (float*)(row + TrailerOffset(cols));

    /// <summary>−128·Σx per block: the correction for Q8_0 weights flipped to q + 128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Minus128Sums(byte* row, int cols) => (int*)(row + TrailerOffset(cols)) + cols / 32;

    /// <summary>−8·Σx per block: the correction for Q4_0 nibbles read as 0..15 instead of −8..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Minus8Sums(byte* row, int cols) => (int*)(row + TrailerOffset(cols)) + 2 * (cols / 32);

    /// <summary>−16·Σx per block: the correction for Q5_0 levels read as 0..31 instead of −16..15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Minus16Sums(byte* row, int cols) => (int*)(row + TrailerOffset(cols)) + 3 * (cols / 32);

    /// <summary>Fills the trailer from the row's blocks (after they were quantized).</summary>
    public static void WriteTrailer(byte* row, int cols)
    {
        float* scales = Scales(row, cols);
        int* minus128 = Minus128Sums(row, cols);
        int* minus8 = Minus8Sums(row, cols);
        int* minus16 = Minus16Sums(row, cols);
        byte* block = row;
        for (int b = 0; b < cols / 32; b++, block += BlockQ8_0.BlockBytes)
        {
            scales[b] = Fp16.Load(block);
            sbyte* q = (sbyte*)(block + 2);
            int sum = 0;
            for (int j = 0; j < 32; j++) sum += q[j];
            minus128[b] = -128 * sum;
            minus8[b] = -8 * sum;
            minus16[b] = -16 * sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TrailerOffset(int cols) => (cols / 32 * BlockQ8_0.BlockBytes + 3) & ~3;
}
