using System.Runtime.InteropServices;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// Weights repacked at load (<see cref="WeightRepacker"/>, <see cref="NibbleRows8"/>, <see cref="SignedRows8"/>): the layout byte for byte, and
/// multiplies over the repacked copy against the same multiplies over the mapped rows on every path, for token counts
/// from one (decode) through several groups of four with remainders, and row counts with a partial last group.
/// </summary>
public sealed unsafe class WeightRepackerTests : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Pack_RandomRows_LanesHoldTheRowsQuantBytesAndScales()
    {
        const int rows = 11, cols = 96;
        var weights = TestData.Weights(GgmlType.Q4_0, rows, cols, 5);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q4_0, cols);
        var packed = new byte[NibbleRows8.GroupBytes(cols) + 32];
        fixed (byte* wp = weights)
        fixed (byte* pp = packed)
        {
            byte* dst = (byte*)(((nint)pp + 31) & ~31);
            NibbleRows8.Pack(wp + 2 * rowBytes, rowBytes, cols, dst);
            for (int b = 0; b < cols / 32; b++)
            for (int r = 0; r < 8; r++)
            {
                byte* block = wp + (2 + r) * rowBytes + b * BlockQ4_0.BlockBytes;
                byte* pb = dst + b * NibbleRows8.BlockBytes;
                Assert.Equal(Fp16.ToFloat(*(ushort*)block), ((float*)(pb + 128))[r]);
                for (int j = 0; j < 16; j++) Assert.Equal(block[2 + j], pb[(j / 4) * 32 + r * 4 + j % 4]);
            }
        }
    }

    [Fact]
    public void PackSigned_RandomRows_LanesHoldTheRowsSignedQuantsAndScales()
    {
        const int rows = 10, cols = 96;
        var weights = TestData.Weights(GgmlType.Q8_0, rows, cols, 6);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q8_0, cols);
        var packed = new byte[SignedRows8.GroupBytes(cols) + 32];
        fixed (byte* wp = weights)
        fixed (byte* pp = packed)
        {
            byte* dst = (byte*)(((nint)pp + 31) & ~31);
            SignedRows8.Pack(wp + rowBytes, rowBytes, cols, dst);
            for (int b = 0; b < cols / 32; b++)
            for (int r = 0; r < 8; r++)
            {
                byte* block = wp + (1 + r) * rowBytes + b * BlockQ8_0.BlockBytes;
                byte* pb = dst + b * SignedRows8.BlockBytes;
                Assert.Equal(Fp16.ToFloat(*(ushort*)block), ((float*)(pb + 256))[r]);
                for (int j = 0; j < 32; j++) Assert.Equal(block[2 + j], pb[(j / 4) * 32 + r * 4 + j % 4]);
            }
        }
    }

    [Fact]
    public void PackQ4_K_RandomRows_LanesHoldQuantBytesScalesMinsAndFactors()
    {
        const int rows = 9, cols = 512;
        var weights = TestData.Weights(GgmlType.Q4_K, rows, cols, 7);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q4_K, cols);
        var packed = new byte[NibbleKRows8.GroupBytes(cols) + 32];
        fixed (byte* wp = weights)
        fixed (byte* pp = packed)
        {
            byte* dst = (byte*)(((nint)pp + 31) & ~31);
            NibbleKRows8.Pack(wp + rowBytes, rowBytes, cols, dst);
            for (int b = 0; b < cols / 256; b++)
            for (int r = 0; r < 8; r++)
            {
                byte* block = wp + (1 + r) * rowBytes + b * BlockQ4_K.BlockBytes;
                byte* pb = dst + b * NibbleKRows8.BlockBytes;
                for (int j = 0; j < 128; j++) Assert.Equal(block[BlockQ4_K.QsOffset + j], pb[(j / 4) * 32 + r * 4 + j % 4]);
                for (int run = 0; run < 8; run++)
                {
                    BlockQ4_K.GetScaleMin(run, block + BlockQ4_K.ScalesOffset, out int sc, out int m);
                    Assert.Equal(sc, pb[NibbleKRows8.ScaleOffset + 8 * run + r]);
                    Assert.Equal(m, pb[NibbleKRows8.MinPairOffset + 16 * (run / 2) + 2 * r + run % 2]);
                }
                Assert.Equal(Fp16.ToFloat(*(ushort*)block), ((float*)(pb + NibbleKRows8.DOffset))[r]);
                Assert.Equal(-Fp16.ToFloat(*(ushort*)(block + 2)), ((float*)(pb + NibbleKRows8.NegDminOffset))[r]);
            }
        }
    }

    [Theory]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.NativeVnni)]
    public void MultiplySigned_ExtremeQuants_MatchTheScalarReference(KernelPath path)
    {
        if (!KernelPaths.IsSupported(path)) return; // no repacked kernels to check on this CPU
        const int rows = 16, cols = 256, n = 5;
        var weights = TestData.Weights(GgmlType.Q8_0, rows, cols, 21);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q8_0, cols);
        // A file may hold −128, which quantizers never write: |−128| is 128 as an unsigned byte, and 128·127·2 still
        // fits vpmaddubsw's 16-bit pairs.
        for (int r = 0; r < rows; r++)
        for (int b = 0; b < cols / 32; b++)
        for (int j = 0; j < 32; j++)
        {
            int at = r * rowBytes + b * BlockQ8_0.BlockBytes + 2 + j;
            weights[at] = (byte)((r + b + j) % 3 == 0 ? 0x80 : (r + j) % 3 == 1 ? 127 : weights[at]);
        }
        var x = TestData.Floats(n * cols, 22, scale: 4f);
        for (int i = 0; i < x.Length; i += 7) x[i] = i % 2 == 0 ? 9f : -9f;
        using var repacker = new WeightRepacker(path);
        fixed (byte* wp = weights)
        {
            var plain = new WeightMatrix(wp, GgmlType.Q8_0, rows, cols);
            var expected = new float[n * rows];
            var got = new float[n * rows];
            new MatMul(_pool) { Path = KernelPath.Scalar }.Multiply(plain, x, n, expected);
            new MatMul(_pool) { Path = path }.Multiply(repacker.Repack(plain), x, n, got);
            double scale = expected.Max(Math.Abs);
            for (int i = 0; i < got.Length; i++)
                Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-5 * (1 + scale), $"[{i / rows}, {i % rows}]: {got[i]} vs {expected[i]}");
        }
    }

    public static TheoryData<KernelPath, GgmlType> PathsAndTypes()
    {
        var data = new TheoryData<KernelPath, GgmlType>();
        foreach (var path in Enum.GetValues<KernelPath>())
        foreach (var type in new[] { GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.Q6_K })
            data.Add(path, type);
        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndTypes))]
    public void Multiply_Repacked_MatchesTheMappedRows(KernelPath path, GgmlType type)
    {
        if (!KernelPaths.IsSupported(path)) return; // this CPU cannot run the path; nothing to check
        using var repacker = new WeightRepacker(path);
        var matmul = new MatMul(_pool) { Path = path };
        int seed = 11;
        foreach (var (rows, cols) in type is GgmlType.Q4_K or GgmlType.Q6_K ? new[] { (8, 256), (13, 512), (40, 768), (67, 2048) }
                     : new[] { (8, 32), (13, 160), (40, 544), (67, 1056) })
        {
            var weights = TestData.Weights(type, rows, cols, seed++);
            fixed (byte* wp = weights)
            {
                var plain = new WeightMatrix(wp, type, rows, cols);
                var repacked = repacker.Repack(plain);
                Assert.Equal(repacker.Repacks(type), repacked.Packed != null);
                foreach (int n in new[] { 1, 2, 3, 4, 5, 7, 8, 13 })
                {
                    var x = TestData.Floats(n * cols, seed++, scale: 2f);
                    var expected = new float[n * rows];
                    var got = new float[n * rows];
                    matmul.Multiply(plain, x, n, expected);
                    matmul.Multiply(repacked, x, n, got);
                    // Same integers per block; the float sums run in another order, so an output that cancels to
                    // near zero is compared at the scale of the outputs, not its own.
                    double scale = expected.Max(Math.Abs);
                    for (int i = 0; i < got.Length; i++)
                        Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-5 * (1 + scale),
                            $"{path} {rows}x{cols} n={n} [{i / rows}, {i % rows}]: {got[i]} vs {expected[i]}");
                }
            }
        }
    }

    [Fact]
    public void Repack_OnlyQ4_0AndQ8_0OnAPathWithRepackedKernels_AndSlicesFollowWholeGroups()
    {
        using var repacker = new WeightRepacker(KernelPath.Avx2);
        Assert.False(new WeightRepacker(KernelPath.Scalar).Repacks(GgmlType.Q4_0));
        Assert.False(new WeightRepacker(KernelPath.Scalar).Repacks(GgmlType.Q8_0));
        Assert.False(repacker.Repacks(GgmlType.Q5_K));
        Assert.False(repacker.Repacks(GgmlType.F32));
        if (!KernelPaths.IsSupported(KernelPath.Avx2)) return;
        Assert.True(repacker.Repacks(GgmlType.Q4_0));
        Assert.True(repacker.Repacks(GgmlType.Q8_0));
        Assert.True(repacker.Repacks(GgmlType.Q4_K));
        Assert.True(repacker.Repacks(GgmlType.Q6_K));
        const int rows = 24, cols = 64;
        var weights = TestData.Weights(GgmlType.Q4_0, rows, cols, 9);
        fixed (byte* wp = weights)
        {
            var m = repacker.Repack(new WeightMatrix(wp, GgmlType.Q4_0, rows, cols));
            Assert.Equal(3L * NibbleRows8.GroupBytes(cols), repacker.Bytes);
            Assert.True(m.Slice(8, 16).Packed == m.Packed + NibbleRows8.GroupBytes(cols));
            Assert.True(m.Slice(4, 8).Packed == null);
            Assert.True(m.Slice(16, 4).Packed == null);
            Assert.True(repacker.Repack(new WeightMatrix(wp, GgmlType.Q4_0, 7, cols)).Packed == null);
        }
        var q8 = TestData.Weights(GgmlType.Q8_0, rows, cols, 10);
        fixed (byte* wp = q8)
        {
            var m = repacker.Repack(new WeightMatrix(wp, GgmlType.Q8_0, rows, cols));
            Assert.Equal(3L * NibbleRows8.GroupBytes(cols) + 3L * SignedRows8.GroupBytes(cols), repacker.Bytes);
            Assert.Equal(SignedRows8.GroupBytes(cols), m.Slice(16, 8).PackedGroupBytes);
            Assert.True(m.Slice(16, 8).Packed == m.Packed + 2 * SignedRows8.GroupBytes(cols));
        }
        repacker.Dispose();
        Assert.Equal(0, repacker.Bytes);
    }

    [Fact]
    public void Repack_MatricesAcrossSeveralChunks_EachAlignedAndIntact()
    {
        if (!KernelPaths.IsSupported(KernelPath.Avx2)) return; // no repacked kernels on this CPU
        // 2 MiB chunks: a 1.1 MiB matrix fits once per chunk, the 2.2 MiB one needs a chunk of its own.
        using var repacker = new WeightRepacker(KernelPath.Avx2, HugePages.PageBytes);
        var matmul = new MatMul(_pool) { Path = KernelPath.Avx2 };
        var shapes = new[] { (1024, 1024), (2048, 1024), (1024, 1024), (64, 1024) };
        var weights = shapes.Select((s, i) => TestData.Weights(GgmlType.Q8_0, s.Item1, s.Item2, 30 + i)).ToArray();
        var handles = weights.Select(w => GCHandle.Alloc(w, GCHandleType.Pinned)).ToArray();
        try
        {
            var plain = shapes.Select((s, i) => new WeightMatrix((byte*)handles[i].AddrOfPinnedObject(), GgmlType.Q8_0, s.Item1, s.Item2)).ToArray();
            // All packed first, then all checked: a later matrix written over an earlier one's bytes would show.
            var packed = plain.Select(p => repacker.Repack(p)).ToArray();
            Assert.Equal(plain.Sum(p => (long)(p.Rows / 8) * SignedRows8.GroupBytes(p.Cols)), repacker.Bytes);
            for (int i = 0; i < plain.Length; i++)
            {
                Assert.True((nint)packed[i].Packed % 64 == 0);
                var x = TestData.Floats(3 * plain[i].Cols, 40 + i, scale: 2f);
                var expected = new float[3 * plain[i].Rows];
                var got = new float[3 * plain[i].Rows];
                matmul.Multiply(plain[i], x, 3, expected);
                matmul.Multiply(packed[i], x, 3, got);
                double scale = expected.Max(Math.Abs);
                for (int j = 0; j < got.Length; j++) Assert.True(Math.Abs(got[j] - expected[j]) <= 1e-5 * (1 + scale), $"matrix {i} [{j}]");
            }
        }
        finally
        {
            foreach (var h in handles) h.Free();
        }
    }

    [Fact]
    public void Constructor_ChunkNotAWholeNumberOfHugePages_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightRepacker(KernelPath.Avx2, HugePages.PageBytes + 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => HugePages.Allocate(4096));
    }
}
