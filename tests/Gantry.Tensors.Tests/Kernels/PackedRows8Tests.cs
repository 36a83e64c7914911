using System.Runtime.InteropServices;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// The packed layouts against the plain block layouts (byte for byte for Q8_0 / Q4_0; rebuilt weights for the
/// k-quants), and the eight-row kernels against the scalar reference dot on random data (exact integers, so only
/// float summation order may differ).
/// </summary>
public sealed unsafe class PackedRows8Tests
{
    [Theory]
    [InlineData(GgmlType.Q8_0, 32)]
    [InlineData(GgmlType.Q8_0, 544)]
    [InlineData(GgmlType.Q4_0, 32)]
    [InlineData(GgmlType.Q4_0, 544)]
    public void Pack_RandomRows_MatchesPlainBlocks(GgmlType type, int cols)
    {
        // Q4_0 packs on the AVX2 path too; Q8_0 only for the VNNI kernel.
        if (!KernelPaths.IsSupported(type == GgmlType.Q4_0 ? KernelPath.Avx2 : KernelPath.Avx512)) return;
        const int rows = 11; // pack rows 2..9 of a larger matrix, so the row stride and offset are exercised
        var weights = TestData.Weights(type, rows, cols, cols + (int)type);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        int blocks = cols / 32;
        byte* packed = (byte*)NativeMemory.AlignedAlloc((nuint)PackedRows8.GroupBytes(cols), 64);
        try
        {
            fixed (byte* wp = weights)
            {
                byte* first = wp + 2 * rowBytes;
                if (type == GgmlType.Q8_0) PackedRows8.PackQ8_0(first, rowBytes, cols, packed);
                else PackedRows8.PackQ4_0(first, rowBytes, cols, packed);
                for (int b = 0; b < blocks; b++)
                {
                    byte* pb = packed + b * PackedRows8.BlockBytes;
                    for (int r = 0; r < 8; r++)
                    {
                        byte* block = first + r * rowBytes + b * GgmlTypeInfo.BlockBytes(type);
                        Assert.Equal(Fp16.ToFloat(*(ushort*)block), ((float*)(pb + 256))[r]);
                        for (int e = 0; e < 32; e++)
                        {
                            // Element e = 4k + j sits in W_k, 32-bit lane r, byte j.
                            byte got = pb[(e / 4) * 32 + r * 4 + e % 4];
                            Assert.Equal(Unsigned(type, block, e), got);
                        }
                    }
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(packed);
        }
    }

    [Theory]
    [InlineData(GgmlType.Q8_0, 32, KernelPath.Avx512)]
    [InlineData(GgmlType.Q8_0, 1056, KernelPath.Avx512)]
    [InlineData(GgmlType.Q4_0, 32, KernelPath.Avx512)]
    [InlineData(GgmlType.Q4_0, 1056, KernelPath.Avx512)]
    [InlineData(GgmlType.Q4_0, 32, KernelPath.Avx2)]
    [InlineData(GgmlType.Q4_0, 1056, KernelPath.Avx2)]
    [InlineData(GgmlType.Q4_K, 256, KernelPath.Avx512)]
    [InlineData(GgmlType.Q4_K, 1280, KernelPath.Avx512)]
    [InlineData(GgmlType.Q6_K, 256, KernelPath.Avx512)]
    [InlineData(GgmlType.Q6_K, 1280, KernelPath.Avx512)]
    public void Dot8x4_RandomData_MatchesScalarDot(GgmlType type, int cols, KernelPath path)
    {
        if (!KernelPaths.IsSupported(path)) return; // this CPU cannot run the path (the VNNI kernels need AVX-VNNI)
        var weights = TestData.Weights(type, 8, cols, 3 * cols + (int)type);
        int xStride = ActivationFormat.RowBytes(type, cols);
        var x = TestData.Floats(4 * cols, cols, scale: 2f);
        var converted = new byte[4 * xStride];
        const int yStride = 11;
        var y = new float[4 * yStride];
        var kernels = KernelTable.Get(type, path);
        var reference = KernelTable.Get(type, KernelPath.Scalar);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        byte* packed = (byte*)NativeMemory.AlignedAlloc((nuint)kernels.PackedGroupBytes(cols), 64);
        try
        {
            fixed (byte* wp = weights)
            fixed (float* xp = x)
            fixed (byte* cp = converted)
            fixed (float* yp = y)
            {
                for (int t = 0; t < 4; t++) ActivationFormat.Convert(type, xp + t * cols, cp + t * xStride, cols);
                kernels.Pack(wp, rowBytes, cols, packed);
                kernels.Dot8x4(packed, cp, xStride, cols, yp, yStride);
                for (int t = 0; t < 4; t++)
                {
                    for (int r = 0; r < 8; r++)
                    {
                        float expected = reference.Dot(wp + r * rowBytes, cp + t * xStride, cols);
                        float got = y[t * yStride + r];
                        Assert.True(Math.Abs(got - expected) <= 1e-5 * (1 + Math.Abs(expected)),
                            $"{type} {path} cols={cols} t={t} r={r}: {got} vs {expected}");
                    }
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(packed);
        }
    }

    /// <summary>
    /// The k-quant packing checked by what it must compute: for every row r and 16-value group g, the packed level
    /// L, scale S and offset pair and factor must rebuild the dequantized weight as S·L + factor·pair (the kernel's
    /// Σ S·L·x + factor·Σ pair·Σx), and the levels must sit where the kernel reads them.
    /// </summary>
    [Theory]
    [InlineData(GgmlType.Q4_K, 256)]
    [InlineData(GgmlType.Q4_K, 1280)]
    [InlineData(GgmlType.Q6_K, 256)]
    [InlineData(GgmlType.Q6_K, 1280)]
    public void PackK_RandomRows_RebuildsDequantizedWeights(GgmlType type, int cols)
    {
        if (!KernelPaths.IsSupported(KernelPath.Avx512)) return; // packing is used, and written, for the VNNI path only
        const int rows = 11; // pack rows 2..9 of a larger matrix, so the row stride and offset are exercised
        var weights = TestData.Weights(type, rows, cols, cols + (int)type);
        var dequantized = TestData.DequantizedWeights(type, weights, rows, cols);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        var kernels = KernelTable.Get(type, KernelPath.Avx512);
        bool per16 = type == GgmlType.Q6_K;
        int blockBytes = kernels.PackedGroupBytes(256);
        int scaleOffset = 64 * 32, pairOffset = scaleOffset + (per16 ? 16 : 8) * 32, factorOffset = pairOffset + 8 * 32;
        byte* packed = (byte*)NativeMemory.AlignedAlloc((nuint)kernels.PackedGroupBytes(cols), 64);
        try
        {
            fixed (byte* wp = weights)
            {
                kernels.Pack(wp + 2 * rowBytes, rowBytes, cols, packed);
                for (int b = 0; b < cols / 256; b++)
                {
                    byte* pb = packed + b * blockBytes;
                    float* scales = (float*)(pb + scaleOffset);
                    short* pairs = (short*)(pb + pairOffset);
                    float* factor = (float*)(pb + factorOffset);
                    for (int r = 0; r < 8; r++)
                    {
                        for (int e = 0; e < 256; e++)
                        {
                            // Value e = 32R + 4k + i sits in W_{R,k}, 32-bit lane r, byte i.
                            int run = e / 32, k = e % 32 / 4, i = e % 4, g = e / 16;
                            byte level = pb[(8 * run + k) * 32 + r * 4 + i];
                            float scale = scales[8 * (per16 ? g : run) + r];
                            // Sub-block j of the offset term covers 32 values as two 16-value pairs.
                            float pair = pairs[2 * (8 * (e / 32) + r) + (per16 ? g % 2 : 0)];
                            double rebuilt = scale * (double)level + factor[r] * (double)pair;
                            double expected = dequantized[(2 + r) * cols + 256 * b + e];
                            Assert.True(Math.Abs(rebuilt - expected) <= 1e-5 * (1 + Math.Abs(expected)),
                                $"{type} r={r} b={b} e={e}: {rebuilt} vs {expected}");
                        }
                    }
                }
            }
        }
        finally
        {
            NativeMemory.AlignedFree(packed);
        }
    }

    // Element e of a block as the VNNI kernels feed it to vpdpbusd: q + 128 for Q8_0, the nibble for Q4_0.
    private static byte Unsigned(GgmlType type, byte* block, int e) => type == GgmlType.Q8_0
        ? (byte)(((sbyte*)(block + 2))[e] + 128)
        : (byte)(e < 16 ? block[2 + e] & 0x0F : block[2 + e - 16] >> 4);
}
