using System.Diagnostics;
using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q6_K weight rows repacked once at load for the AVX2 eight-row kernels
/// (<see cref="DotPackedQ6_K.RepackedAvx2"/>), kept at six bits: the low-nibble and high-bit bytes transposed as
/// stored, the sixteen scales of each row moved into lane order.
/// </summary>
/// <remarks>
/// Layout of one super-block of a group (<see cref="BlockBytes"/>), r the row, h = 0..1 the 128-value half, k = 0..7
/// the quad, s = 0..15 the 16-value sub-block:
/// <code>
/// A_{h,k}, B_{h,k}, H_{h,k}   48 × 32 bytes: lane r = row r's ql[64h + 4k ..], ql[64h + 32 + 4k ..], qh[32h + 4k ..]
/// SC                          16 × 8 bytes:  byte 8s + r = row r's scale of sub-block s
/// D                           8 floats:      lane r = row r's d
/// </code>
/// 1,696 bytes per eight rows and 256 values, against 1,680 in the file. Decoding streams these bytes once per
/// token, so the scales are held once: the kernels interleave two sub-blocks' scale rows in registers where they
/// multiply them in pairs, rather than reading a second, pair-ordered copy (which cost 7.5% more bytes).
/// </remarks>
internal static unsafe class SixBitKRows8
{
    public const int ScaleOffset = 48 * 32;
    public const int DOffset = ScaleOffset + 128;

    /// <summary>Bytes of one packed super-block of eight rows.</summary>
    public const int BlockBytes = DOffset + 32;

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / BlockQ6_K.BlockSize * BlockBytes;

    /// <summary>Offset of the 32-byte vector of part <paramref name="part"/> (0: ql low run, 1: ql high run, 2: qh) of quad <paramref name="k"/> in half <paramref name="half"/>.</summary>
    public static int QuadOffset(int half, int part, int k) => ((half * 3 + part) * 8 + k) * 32;

    /// <summary>Packs eight Q6_K rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q6_K rows.</param>
    /// <param name="dst">(cols / 256, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        for (int b = 0; b < cols / BlockQ6_K.BlockSize; b++, w += BlockQ6_K.BlockBytes, dst += BlockBytes)
        {
            for (int r = 0; r < 8; r++)
            {
                byte* block = w + (nint)r * rowBytes;
                for (int h = 0; h < 2; h++)
                for (int k = 0; k < 8; k++)
                {
                    *(uint*)(dst + QuadOffset(h, 0, k) + 4 * r) = Unsafe.ReadUnaligned<uint>(block + 64 * h + 4 * k);
                    *(uint*)(dst + QuadOffset(h, 1, k) + 4 * r) = Unsafe.ReadUnaligned<uint>(block + 64 * h + 32 + 4 * k);
                    *(uint*)(dst + QuadOffset(h, 2, k) + 4 * r) = Unsafe.ReadUnaligned<uint>(block + BlockQ6_K.QhOffset + 32 * h + 4 * k);
                }
                for (int s = 0; s < 16; s++)
                {
                    dst[ScaleOffset + 8 * s + r] = block[BlockQ6_K.ScalesOffset + s];
                }
                ((float*)(dst + DOffset))[r] = Fp16.Load(block + BlockQ6_K.DOffset);
            }
        }
    }
}
