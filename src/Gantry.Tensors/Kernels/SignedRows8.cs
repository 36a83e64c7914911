using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q8_0 weight rows repacked once at load for the AVX2 eight-row kernels
/// (<see cref="DotPacked8x4.Q8_0RepackedAvx2"/>), keeping the quants signed: <see cref="PackedRows8"/>'s q + 128 would
/// saturate <c>vpmaddubsw</c>, while |q| (≤ 128) times the activation quant given q's sign (|x| ≤ 127) fits.
/// </summary>
/// <remarks>
/// Layout of a group (<see cref="GroupBytes"/>), block by block, <see cref="BlockBytes"/> each:
/// <code>
/// W_0 … W_7   8 × 32 bytes: 32-bit lane r of W_k = row r's signed quants q[4k .. 4k+3] of this block
/// d           8 floats:     lane r = row r's block scale
/// </code>
/// 288 bytes per eight rows and 32 values, against 272 in the file.
/// </remarks>
internal static unsafe class SignedRows8
{
    /// <summary>Bytes of one packed block of eight rows: eight 32-byte W vectors and eight float scales.</summary>
    public const int BlockBytes = 8 * 32 + 8 * sizeof(float);

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / 32 * BlockBytes;

    /// <summary>Packs eight Q8_0 rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q8_0 rows.</param>
    /// <param name="dst">(cols / 32, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        float* table = Fp16.Table;
        for (int b = 0; b < cols / 32; b++, w += BlockQ8_0.BlockBytes, dst += BlockBytes)
        {
            uint* p = (uint*)dst;
            for (int r = 0; r < 8; r++)
            {
                byte* block = w + (nint)r * rowBytes;
                for (int k = 0; k < 8; k++) p[8 * k + r] = Unsafe.ReadUnaligned<uint>(block + 2 + 4 * k);
                ((float*)(dst + 8 * 32))[r] = table[Unsafe.ReadUnaligned<ushort>(block)];
            }
        }
    }

    /// <summary>W_0 … W_7 of one packed block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(byte* block, out Vector256<sbyte> w0, out Vector256<sbyte> w1, out Vector256<sbyte> w2, out Vector256<sbyte> w3,
        out Vector256<sbyte> w4, out Vector256<sbyte> w5, out Vector256<sbyte> w6, out Vector256<sbyte> w7)
    {
        w0 = Vector256.Load((sbyte*)block);
        w1 = Vector256.Load((sbyte*)block + 32);
        w2 = Vector256.Load((sbyte*)block + 64);
        w3 = Vector256.Load((sbyte*)block + 96);
        w4 = Vector256.Load((sbyte*)block + 128);
        w5 = Vector256.Load((sbyte*)block + 160);
        w6 = Vector256.Load((sbyte*)block + 192);
        w7 = Vector256.Load((sbyte*)block + 224);
    }
}
