using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// A 32-weight block type that feeds <c>vpdpbusd</c> unsigned: its size, its weights as bytes offset to be
/// non-negative, and the activation row's correction that takes the offset back out (<see cref="Q8ActivationRow"/>).
/// The JIT specializes <see cref="UnsignedBlockDot{TBlocks}"/> per struct, so no indirection remains.
/// </summary>
internal unsafe interface IUnsignedBlocks
{
    static abstract int Bytes { get; }

    /// <summary>The block's 32 weights plus the offset, in element order.</summary>
    static abstract Vector256<byte> Weights(byte* block);

    /// <summary>−offset·Σx per block of an activation row.</summary>
    static abstract int* Corrections(byte* row, int cols);
}

/// <summary>Q8_0: q + 128 (flipping the sign bit is that addition).</summary>
internal readonly unsafe struct Q8_0Blocks : IUnsignedBlocks
{
    public static int Bytes => BlockQ8_0.BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Weights(byte* block) => Vector256.Load(block + 2) ^ Vector256.Create((byte)0x80);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Corrections(byte* row, int cols) => Q8ActivationRow.Minus128Sums(row, cols);
}

/// <summary>Q4_0: the nibbles as they are (0..15), i.e. q + 8.</summary>
internal readonly unsafe struct Q4_0Blocks : IUnsignedBlocks
{
    public static int Bytes => BlockQ4_0.BlockBytes;

    /// <summary>
    /// 16 nibble bytes → 32 levels in element order (low nibbles are elements 0-15): the bytes are broadcast to both
    /// 128-bit lanes and the upper lane shifted right by 4 (a per-dword variable shift), then masked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Weights(byte* block) => Nibbles(block + 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Corrections(byte* row, int cols) => Q8ActivationRow.Minus8Sums(row, cols);

    /// <summary>The 32 nibbles of 16 bytes in element order (Q4_0's and Q5_0's layout).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> Nibbles(byte* qs)
    {
        var both = Avx2.BroadcastVector128ToVector256(qs).AsUInt32();
        var shifted = Avx2.ShiftRightLogicalVariable(both, Vector256.Create(0u, 0, 0, 0, 4, 4, 4, 4));
        return shifted.AsByte() & Vector256.Create((byte)0x0F);
    }
}

/// <summary>Q5_0: the 5-bit levels as they are (0..31), i.e. q + 16.</summary>
internal readonly unsafe struct Q5_0Blocks : IUnsignedBlocks
{
    public static int Bytes => BlockQ5_0.BlockBytes;

    /// <summary>
    /// Q4_0's nibble unpack, plus the 32-bit word of high bits spread to bit 4 of each element's byte: the word is
    /// broadcast, byte k of it copied to elements 8k..8k+7 (a shuffle within each 128-bit lane, whose low lane holds
    /// elements 0-15 and high lane 16-31), and each element keeps its own bit (mask, compare, 0x10).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Weights(byte* block)
    {
        var word = Vector256.Create(Unsafe.ReadUnaligned<uint>(block + BlockQ5_0.HighBitsOffset)).AsByte();
        var spread = Avx2.Shuffle(word, Vector256.Create(
            (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3));
        var bit = Vector256.Create(0x8040201008040201UL).AsByte();
        var high = Avx2.CompareEqual(spread & bit, bit) & Vector256.Create((byte)0x10);
        return Q4_0Blocks.Nibbles(block + BlockQ5_0.QsOffset) | high;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int* Corrections(byte* row, int cols) => Q8ActivationRow.Minus16Sums(row, cols);
}

/// <summary>
/// The VNNI kernels of the 32-blocks with one fp16 scale (Q8_0, Q4_0) against Q8 activation rows: Σ(u − offset)·x
/// per block as <c>vpdpbusd</c> starting from the row's precomputed −offset·Σx, scaled by d_w·d_x in float.
/// </summary>
internal static unsafe class UnsignedBlockDot<TBlocks> where TBlocks : struct, IUnsignedBlocks
{
    /// <summary>One weight row · one activation row, two accumulators so consecutive blocks' FMAs do not wait on each other.</summary>
    public static float Dot(byte* w, byte* x, int cols)
    {
        int blocks = cols / 32, bytes = TBlocks.Bytes;
        float* scales = Q8ActivationRow.Scales(x, cols);
        int* corrections = TBlocks.Corrections(x, cols);
        Vector256<float> acc0 = default, acc1 = default;
        int b = 0;
        for (; b + 2 <= blocks; b += 2, w += 2 * bytes, x += 2 * BlockQ8_0.BlockBytes)
        {
            Prefetch.Ahead(w);
            acc0 = Step(TBlocks.Weights(w), WeightScale(w), x, scales + b, corrections + b, acc0);
            acc1 = Step(TBlocks.Weights(w + bytes), WeightScale(w + bytes), x + BlockQ8_0.BlockBytes,
                scales + b + 1, corrections + b + 1, acc1);
        }
        if (b < blocks)
        {
            acc0 = Step(TBlocks.Weights(w), WeightScale(w), x, scales + b, corrections + b, acc0);
        }
        return Vector128Int.Sum(acc0 + acc1);
    }

    /// <summary>One weight row · four activation rows: each weight block is decoded and its scale broadcast once for all four.</summary>
    public static void Dot4(byte* w, byte* x, nint xStride, int cols, float* y)
    {
        const int XBytes = BlockQ8_0.BlockBytes;
        int bytes = TBlocks.Bytes;
        Vector256<float> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
        byte* x0 = x, x1 = x + xStride, x2 = x + 2 * xStride, x3 = x + 3 * xStride;
        float* s0 = Q8ActivationRow.Scales(x0, cols), s1 = Q8ActivationRow.Scales(x1, cols);
        float* s2 = Q8ActivationRow.Scales(x2, cols), s3 = Q8ActivationRow.Scales(x3, cols);
        int* m0 = TBlocks.Corrections(x0, cols), m1 = TBlocks.Corrections(x1, cols);
        int* m2 = TBlocks.Corrections(x2, cols), m3 = TBlocks.Corrections(x3, cols);
        for (int b = 0; b < cols / 32; b++, w += bytes, x0 += XBytes, x1 += XBytes, x2 += XBytes, x3 += XBytes)
        {
            var u = TBlocks.Weights(w);
            var dw = WeightScale(w);
            acc0 = Step(u, dw, x0, s0 + b, m0 + b, acc0);
            acc1 = Step(u, dw, x1, s1 + b, m1 + b, acc1);
            acc2 = Step(u, dw, x2, s2 + b, m2 + b, acc2);
            acc3 = Step(u, dw, x3, s3 + b, m3 + b, acc3);
        }
        y[0] = Vector128Int.Sum(acc0);
        y[1] = Vector128Int.Sum(acc1);
        y[2] = Vector128Int.Sum(acc2);
        y[3] = Vector128Int.Sum(acc3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> WeightScale(byte* w) => Vector256.Create(Fp16.Load(w));

    /// <summary>acc + d_w·d_x·Σ(u − offset)·x for one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Step(Vector256<byte> u, Vector256<float> dw, byte* xb, float* dx, int* correction, Vector256<float> acc)
    {
        var isum = AvxVnni.MultiplyWideningAndAdd(Vector256.CreateScalar(*correction), u, Vector256.Load((sbyte*)(xb + 2)));
        return Fma.MultiplyAdd(Avx.ConvertToVector256Single(isum), dw * Vector256.Create(*dx), acc);
    }
}
