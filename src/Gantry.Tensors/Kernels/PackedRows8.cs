using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q8_0 or Q4_0 weight rows rearranged for <see cref="DotPacked8x4"/>, so that one
/// <c>vpdpbusd</c> advances eight output rows at once (llama.cpp's q4_0_8x8 idea, but packed per L2 tile on the
/// fly: the mapped weights are never copied wholesale).
/// </summary>
/// <remarks>
/// Layout of a group (<see cref="GroupBytes"/>), block by block, <see cref="BlockBytes"/> each:
/// <code>
/// W_0 … W_7   8 × 32 bytes: 32-bit lane r of W_k = row r's unsigned bytes u[4k .. 4k+3] of this block
/// d           8 floats:     lane r = row r's block scale
/// </code>
/// u is what the VNNI kernels feed to vpdpbusd: q + 128 for Q8_0 (the sign bit flipped), the nibble 0..15 in
/// element order for Q4_0; the activation trailer's −128·Σx / −8·Σx (<see cref="Q8ActivationRow"/>) undoes the
/// bias. Packing is an 8×8 transpose of 32-bit words per block (24 shuffles for 8 rows), done once per tile and
/// amortized over every group of four tokens that sweeps it.
/// </remarks>
internal static unsafe class PackedRows8
{
    /// <summary>Bytes of one packed block of eight rows: eight 32-byte W vectors and eight float scales.</summary>
    public const int BlockBytes = 8 * 32 + 8 * sizeof(float);

    /// <summary>
    /// Fewest tokens that take the packed kernels on the AVX-512 path. Packing pays only from eight (a tile packed for a
    /// single group of four tokens costs more than the row-at-a-time kernel saves: Q8_0 / Q4_0 5632×2048, n = 4: 0.9x;
    /// n = 8: 1.2–1.3x), but the row kernels sum in another order, so with eight here a batch of eight cut into two
    /// fours (a pipeline's micro-batches) changed bits (MatMulCutTests, first run on an Intel Xeon with AVX-VNNI).
    /// Four keeps every cut <see cref="MatMul.SameBitsWhenCut"/> allows bit-exact, for 10% at four to seven tokens
    /// on a path that Linux x64 runs only where the machine-code kernels cannot load.
    /// </summary>
    public const int MinTokens = 4;

    /// <summary>
    /// The same for the AVX2 (vpmaddubsw) kernel, whose row-at-a-time alternative costs more: packing pays from one group
    /// of four tokens (Q4_0 5632×2048 on an AMD EPYC without AVX-VNNI, n = 4: 1.4–1.5x; n = 8: 1.9x).
    /// </summary>
    public const int MinTokensAvx2 = 4;

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / 32 * BlockBytes;

    /// <summary>Packs eight Q8_0 rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q8_0 rows.</param>
    /// <param name="dst">(cols / 32, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ8_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        float* table = Fp16.Table;
        for (int b = 0; b < cols / 32; b++, w += BlockQ8_0.BlockBytes, dst += BlockBytes)
        {
            TransposeFlipped(w, rowBytes, dst);
            StoreScales(table, w, rowBytes, (float*)(dst + 8 * 32));
        }
    }

    /// <summary>W_0 … W_7 of one Q8_0 block of eight rows (quants flipped to q + 128) into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TransposeFlipped(byte* w, nint rowBytes, byte* dst)
    {
        var flip = Vector256.Create((byte)0x80);
        Transpose(
            Vector256.Load(w + 2) ^ flip,
            Vector256.Load(w + rowBytes + 2) ^ flip,
            Vector256.Load(w + 2 * rowBytes + 2) ^ flip,
            Vector256.Load(w + 3 * rowBytes + 2) ^ flip,
            Vector256.Load(w + 4 * rowBytes + 2) ^ flip,
            Vector256.Load(w + 5 * rowBytes + 2) ^ flip,
            Vector256.Load(w + 6 * rowBytes + 2) ^ flip,
            Vector256.Load(w + 7 * rowBytes + 2) ^ flip,
            dst);
    }

    /// <summary>Packs eight Q4_0 rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q4_0 rows.</param>
    /// <param name="dst">(cols / 32, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ4_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        float* table = Fp16.Table;
        for (int b = 0; b < cols / 32; b++, w += BlockQ4_0.BlockBytes, dst += BlockBytes)
        {
            Transpose(
                Nibbles(w + 2),
                Nibbles(w + rowBytes + 2),
                Nibbles(w + 2 * rowBytes + 2),
                Nibbles(w + 3 * rowBytes + 2),
                Nibbles(w + 4 * rowBytes + 2),
                Nibbles(w + 5 * rowBytes + 2),
                Nibbles(w + 6 * rowBytes + 2),
                Nibbles(w + 7 * rowBytes + 2),
                dst);
            StoreScales(table, w, rowBytes, (float*)(dst + 8 * 32));
        }
    }

    /// <summary>The transpose below over eight row vectors kept in memory (the k-quant scale packers' stack arrays).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose<T>(Vector256<T>* rows, byte* dst) where T : unmanaged =>
        Transpose(rows[0].AsByte(), rows[1].AsByte(), rows[2].AsByte(), rows[3].AsByte(),
            rows[4].AsByte(), rows[5].AsByte(), rows[6].AsByte(), rows[7].AsByte(), dst);

    /// <summary>
    /// Stores W_k = (v_0[k], …, v_7[k]) for k = 0..7, 32-bit words: unpack 32-bit pairs, then 64-bit pairs, then
    /// swap 128-bit halves, the classic 8×8 transpose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(Vector256<byte> r0, Vector256<byte> r1, Vector256<byte> r2, Vector256<byte> r3,
        Vector256<byte> r4, Vector256<byte> r5, Vector256<byte> r6, Vector256<byte> r7, byte* dst)
    {
        var v0 = r0.AsInt32(); var v1 = r1.AsInt32(); var v2 = r2.AsInt32(); var v3 = r3.AsInt32();
        var v4 = r4.AsInt32(); var v5 = r5.AsInt32(); var v6 = r6.AsInt32(); var v7 = r7.AsInt32();
        // t: (v_a[k], v_b[k], v_a[k+1], v_b[k+1]) per 128-bit half.
        var t0 = Avx2.UnpackLow(v0, v1); var t1 = Avx2.UnpackHigh(v0, v1);
        var t2 = Avx2.UnpackLow(v2, v3); var t3 = Avx2.UnpackHigh(v2, v3);
        var t4 = Avx2.UnpackLow(v4, v5); var t5 = Avx2.UnpackHigh(v4, v5);
        var t6 = Avx2.UnpackLow(v6, v7); var t7 = Avx2.UnpackHigh(v6, v7);
        // u: rows 0-3 (or 4-7) of word k in the low half, word k + 4 in the high half.
        var u0 = Avx2.UnpackLow(t0.AsInt64(), t2.AsInt64()).AsInt32(); var u1 = Avx2.UnpackHigh(t0.AsInt64(), t2.AsInt64()).AsInt32();
        var u2 = Avx2.UnpackLow(t1.AsInt64(), t3.AsInt64()).AsInt32(); var u3 = Avx2.UnpackHigh(t1.AsInt64(), t3.AsInt64()).AsInt32();
        var u4 = Avx2.UnpackLow(t4.AsInt64(), t6.AsInt64()).AsInt32(); var u5 = Avx2.UnpackHigh(t4.AsInt64(), t6.AsInt64()).AsInt32();
        var u6 = Avx2.UnpackLow(t5.AsInt64(), t7.AsInt64()).AsInt32(); var u7 = Avx2.UnpackHigh(t5.AsInt64(), t7.AsInt64()).AsInt32();
        int* d = (int*)dst;
        Avx2.Permute2x128(u0, u4, 0x20).Store(d);
        Avx2.Permute2x128(u1, u5, 0x20).Store(d + 8);
        Avx2.Permute2x128(u2, u6, 0x20).Store(d + 16);
        Avx2.Permute2x128(u3, u7, 0x20).Store(d + 24);
        Avx2.Permute2x128(u0, u4, 0x31).Store(d + 32);
        Avx2.Permute2x128(u1, u5, 0x31).Store(d + 40);
        Avx2.Permute2x128(u2, u6, 0x31).Store(d + 48);
        Avx2.Permute2x128(u3, u7, 0x31).Store(d + 56);
    }

    // Scalar table loads and stores: building the vector with inserts would queue eight more shuffles on the
    // shuffle port the transpose already saturates. Unrolled, with the table hoisted by the caller, because the
    // JIT neither unrolls the loop nor lifts the static's initialization check out of it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScales(float* table, byte* w, nint rowBytes, float* d)
    {
        d[0] = table[Unsafe.ReadUnaligned<ushort>(w)];
        d[1] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[2] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[3] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[4] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[5] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[6] = table[Unsafe.ReadUnaligned<ushort>(w += rowBytes)];
        d[7] = table[Unsafe.ReadUnaligned<ushort>(w + rowBytes)];
    }

    /// <summary>16 nibble bytes → 32 values 0..15 in element order (low nibbles are elements 0-15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Nibbles(byte* qs)
    {
        var both = Vector256.Create(Vector128.Load(qs)).AsUInt32();
        var shifted = Avx2.ShiftRightLogicalVariable(both, Vector256.Create(0u, 0, 0, 0, 4, 4, 4, 4));
        return shifted.AsByte() & Vector256.Create((byte)0x0F);
    }
}
