using System.Diagnostics;
using System.Runtime.CompilerServices;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Kernels;

/// <summary>
/// Eight consecutive Q4_K weight rows repacked once at load for the AVX2 eight-row kernels
/// (<see cref="DotPackedQ4_K.RepackedAvx2"/>), kept at four bits: the per-row scalar work of a super-block (unpacking
/// six-bit scales, broadcasting each, summing eight lanes at the end) becomes lane vectors shared by eight rows.
/// </summary>
/// <remarks>
/// Layout of one super-block of a group (<see cref="BlockBytes"/>), r the row, c = 0..3 the 32-byte chunk of quant
/// bytes (its low nibbles are run 2c, its high nibbles run 2c + 1), k = 0..7 the quad, j = 0..7 the 32-value run:
/// <code>
/// P_{c,k}   32 × 32 bytes:  lane r = row r's quant bytes qs[32c + 4k .. 32c + 4k + 3], as stored
/// SC        8 × 8 bytes:    byte 8j + r = row r's six-bit scale of run j
/// MP        4 × 16 bytes:   bytes 16i + 2r, 16i + 2r + 1 = row r's six-bit mins of runs 2i and 2i + 1
/// D         8 floats:       lane r = row r's d
/// −DMIN     8 floats:       lane r = −dmin of row r
/// </code>
/// 1,216 bytes per eight rows and 256 values, against 1,152 in the file.
/// </remarks>
internal static unsafe class NibbleKRows8
{
    public const int ScaleOffset = 32 * 32;
    public const int MinPairOffset = ScaleOffset + 64;
    public const int DOffset = MinPairOffset + 64;
    public const int NegDminOffset = DOffset + 32;

    /// <summary>Bytes of one packed super-block of eight rows.</summary>
    public const int BlockBytes = NegDminOffset + 32;

    /// <summary>Bytes of one packed group of eight rows of <paramref name="cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int GroupBytes(int cols) => cols / BlockQ4_K.BlockSize * BlockBytes;

    /// <summary>Packs eight Q4_K rows starting at <paramref name="w"/> into <paramref name="dst"/> (32-byte aligned).</summary>
    /// <param name="w">(8, rowBytes) Q4_K rows.</param>
    /// <param name="dst">(cols / 256, <see cref="BlockBytes"/>) packed group.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(byte* w, int rowBytes, int cols, byte* dst)
    {
        Debug.Assert(((nint)dst & 31) == 0);
        for (int b = 0; b < cols / BlockQ4_K.BlockSize; b++, w += BlockQ4_K.BlockBytes, dst += BlockBytes)
        {
            uint* p = (uint*)dst;
            for (int r = 0; r < 8; r++)
            {
                byte* block = w + (nint)r * rowBytes;
                for (int ck = 0; ck < 32; ck++) p[8 * ck + r] = Unsafe.ReadUnaligned<uint>(block + BlockQ4_K.QsOffset + 4 * ck);
                DotQ4_K.UnpackScaleBytes(block, out ulong scales, out ulong mins);
                for (int j = 0; j < 8; j++)
                {
                    dst[ScaleOffset + 8 * j + r] = (byte)(scales >> (8 * j));
                    dst[MinPairOffset + 16 * (j / 2) + 2 * r + j % 2] = (byte)(mins >> (8 * j));
                }
                ((float*)(dst + DOffset))[r] = Fp16.Load(block);
                ((float*)(dst + NegDminOffset))[r] = -Fp16.Load(block + 2);
            }
        }
    }
}
