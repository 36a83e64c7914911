using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q4_0 weight rows repacked once at load (llama.cpp's CPU repack idea), kept at four bits so the
/// repacked copy is about the size of the file's: the eight-row kernels (<see cref="DotPacked8x4.Q4_0RepackedAvx2"/>) then need no
/// per-call packing and pay from the first token.
/// </summary>
/// <remarks>
/// Layout of a group (<see cref="GroupBytes"/>), block by block, <see cref="BlockBytes"/> each:
/// <code>
/// P_0 … P_3   4 × 32 bytes: 32-bit lane r of P_k = row r's quant bytes qs[4k .. 4k+3] of this block, as stored
/// d           8 floats:     lane r = row r's block scale
/// </code>
/// A Q4_0 quant byte j holds element j in its low nibble and element j + 16 in its high one, so P_k &amp; 0x0F is
/// <see cref="PackedRows8"/>'s W_k and (P_k &gt;&gt; 4) &amp; 0x0F its W_{k+4}: the same unsigned levels 0..15, unpacked in
/// registers. 160 bytes per eight rows and 32 values, against 144 in the file.
/// </remarks>
internal static unsafe class NibbleRows8
{
    /// <summary>Bytes of one packed block of eight rows: four 32-byte P vectors and eight float scales.</summary>
    public const int BlockBytes = 4 * 32 + 8 * sizeof(float);

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / 32 * BlockBytes;

    /// <summary>Packs eight Q4_0 rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q4_0 rows.</param>
    /// <param name="dst">(cols / 32, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        float* table = Fp16.Table;
        for (int b = 0; b < cols / 32; b++, w += BlockQ4_0.BlockBytes, dst += BlockBytes)
        {
            TransposeQuads(w, rowBytes, dst);
            for (int r = 0; r < 8; r++) ((float*)(dst + 4 * 32))[r] = table[Unsafe.ReadUnaligned<ushort>(w + (nint)r * rowBytes)];
        }
    }

    /// <summary>P_0 … P_3 of one Q4_0 block of eight rows: lane r of P_k = row r's quant bytes 4k .. 4k+3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TransposeQuads(byte* w, nint rowBytes, byte* dst)
    {
        uint* p = (uint*)dst;
        for (int r = 0; r < 8; r++)
        {
            byte* block = w + r * rowBytes;
            for (int k = 0; k < 4; k++) p[8 * k + r] = Unsafe.ReadUnaligned<uint>(block + 2 + 4 * k);
        }
    }

    /// <summary>W_k and W_{k+4} of <see cref="PackedRows8"/> from P_k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<byte> Low, Vector256<byte> High) Levels(byte* p)
    {
        var raw = Vector256.Load(p);
        var mask = Vector256.Create((byte)0x0F);
        return (raw & mask, (raw.AsUInt16() >> 4).AsByte() & mask);
    }
}
