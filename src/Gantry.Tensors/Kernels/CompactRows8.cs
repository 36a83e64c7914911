using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q8_0 or Q4_0 rows repacked at load for the machine-code kernels (<see cref="NativeVnni"/>) at
/// exactly the file's size: the transposed quants of <see cref="PackedRows8"/> (Q8_0 as q + 128) or
/// <see cref="NibbleRows8"/> (Q4_0 as stored), then the eight rows' scales kept in fp16, which the kernels widen with
/// <c>vcvtph2ps</c> (F16C, which .NET 10 does not wrap, so the managed kernels keep float scales).
/// </summary>
/// <remarks>
/// Decoding one sequence streams every weight byte once per token and is bound by memory bandwidth, so the four
/// bytes of each float scale cost time there: 288 against 272 bytes per eight Q8_0 rows and block (6% more), 160
/// against 144 for Q4_0 (11% more). Layout of one block: Q8_0 W_0 … W_7 (8 × 32 bytes, lane r of W_k = row r's
/// q[4k .. 4k+3] + 128), Q4_0 P_0 … P_3 (4 × 32 bytes, lane r of P_k = row r's quant bytes 4k .. 4k+3); then
/// 8 × fp16, lane r = row r's d, as stored in the file. Blocks are not 32-byte aligned (272 and 144 bytes).
/// </remarks>
internal static unsafe class CompactRows8
{
    /// <summary>Bytes of one Q8_0 block of eight rows: eight 32-byte W vectors and eight fp16 scales.</summary>
    public const int Q8_0BlockBytes = 8 * 32 + 8 * sizeof(ushort);

    /// <summary>Bytes of one Q4_0 block of eight rows: four 32-byte P vectors and eight fp16 scales.</summary>
    public const int Q4_0BlockBytes = 4 * 32 + 8 * sizeof(ushort);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Q8_0GroupBytes(int cols) => cols / 32 * Q8_0BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Q4_0GroupBytes(int cols) => cols / 32 * Q4_0BlockBytes;

    /// <summary>Packs eight Q8_0 rows starting at <paramref name="w"/> (row stride <paramref name="rowBytes"/>) into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ8_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        for (int b = 0; b < cols / 32; b++, w += BlockQ8_0.BlockBytes, dst += Q8_0BlockBytes)
        {
            PackedRows8.TransposeFlipped(w, rowBytes, dst);
            CopyScales(w, rowBytes, (ushort*)(dst + 8 * 32));
        }
    }

    /// <summary>Packs eight Q4_0 rows starting at <paramref name="w"/> into <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackQ4_0(byte* w, int rowBytes, int cols, byte* dst)
    {
        for (int b = 0; b < cols / 32; b++, w += BlockQ4_0.BlockBytes, dst += Q4_0BlockBytes)
        {
            NibbleRows8.TransposeQuads(w, rowBytes, dst);
            CopyScales(w, rowBytes, (ushort*)(dst + 4 * 32));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyScales(byte* w, nint rowBytes, ushort* d)
    {
        for (int r = 0; r < 8; r++) d[r] = Unsafe.ReadUnaligned<ushort>(w + r * rowBytes);
    }
}
