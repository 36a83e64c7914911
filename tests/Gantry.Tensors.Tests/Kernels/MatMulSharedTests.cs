using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// Matrices multiplied against the same activations in one pass (<see cref="MatMul"/>'s two- and three-matrix
/// overloads) give every output the same bits as one call per matrix: mapped and repacked weights, every path this CPU
/// runs, token counts around the four-token groups, mixed types that share an activation format, and the cases that
/// fall back to separate calls (other formats, widths, rows not in whole groups of eight).
/// </summary>
public sealed unsafe class MatMulSharedTests : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    public static TheoryData<GgmlType, GgmlType, GgmlType, int, int> Trios() => new()
    {
        // a, b, c types; rows of b and c (a has 48)
        { GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q6_K, 16, 16 },  // Q4_K_M's query, key and value
        { GgmlType.Q4_0, GgmlType.Q4_0, GgmlType.Q8_0, 8, 24 },
        { GgmlType.Q8_0, GgmlType.Q8_0, GgmlType.Q8_0, 16, 16 },
        { GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.Q4_K, 8, 8 },
        { GgmlType.F32, GgmlType.F32, GgmlType.F32, 16, 8 },
        { GgmlType.F16, GgmlType.F16, GgmlType.BF16, 16, 16 },    // c takes another activation format
        { GgmlType.Q4_K, GgmlType.Q8_0, GgmlType.Q6_K, 16, 16 },  // b takes another activation format
        { GgmlType.Q6_K, GgmlType.Q6_K, GgmlType.Q6_K, 13, 16 },  // b has a partial group of eight
    };

    [Theory]
    [MemberData(nameof(Trios))]
    public void Multiply_ThreeMatricesInOnePass_SameBitsAsOneCallEach(GgmlType ta, GgmlType tb, GgmlType tc, int rowsB, int rowsC)
    {
        const int rowsA = 48;
        int cols = GgmlTypeInfo.BlockSize(ta) == 256 || GgmlTypeInfo.BlockSize(tb) == 256 || GgmlTypeInfo.BlockSize(tc) == 256 ? 512 : 544;
        var wa = TestData.Weights(ta, rowsA, cols, 1);
        var wb = TestData.Weights(tb, rowsB, cols, 2);
        var wc = TestData.Weights(tc, rowsC, cols, 3);
        var checkedCalls = 0;
        foreach (var path in Enum.GetValues<KernelPath>())
        {
            if (!KernelPaths.IsSupported(path)) continue;
            var matmul = new MatMul(_pool) { Path = path };
            using var repacker = new WeightRepacker(path);
            fixed (byte* pa = wa)
            fixed (byte* pb = wb)
            fixed (byte* pc = wc)
            {
                foreach (var repack in new[] { false, true })
                {
                    WeightMatrix a = new(pa, ta, rowsA, cols), b = new(pb, tb, rowsB, cols), c = new(pc, tc, rowsC, cols);
                    if (repack) (a, b, c) = (repacker.Repack(a), repacker.Repack(b), repacker.Repack(c));
                    foreach (var n in new[] { 1, 2, 3, 4, 5, 8, 11 })
                    {
                        var x = TestData.Floats(n * cols, 10 + n, scale: 2f);
                        float[] ea = new float[n * rowsA], eb = new float[n * rowsB], ec = new float[n * rowsC];
                        matmul.Multiply(a, x, n, ea);
                        matmul.Multiply(b, x, n, eb);
                        matmul.Multiply(c, x, n, ec);
                        float[] ga = new float[n * rowsA], gb = new float[n * rowsB], gc = new float[n * rowsC];
                        matmul.Multiply(a, b, c, x, n, ga, gb, gc);
                        var where = $"{ta}/{tb}/{tc} on {path}, repacked {repack}, {n} tokens";
                        Assert.True(ea.AsSpan().SequenceEqual(ga), where + ": a differs");
                        Assert.True(eb.AsSpan().SequenceEqual(gb), where + ": b differs");
                        Assert.True(ec.AsSpan().SequenceEqual(gc), where + ": c differs");
                        float[] pairA = new float[n * rowsA], pairB = new float[n * rowsB];
                        matmul.Multiply(a, b, x, n, pairA, pairB);
                        Assert.True(ea.AsSpan().SequenceEqual(pairA) && eb.AsSpan().SequenceEqual(pairB), where + ": the pair differs");
                        checkedCalls++;
                    }
                }
            }
        }
        Assert.True(checkedCalls >= 14, $"only {checkedCalls} calls were checked");
    }

    [Fact]
    public void Multiply_OutputTooShort_ThrowsBeforeWriting()
    {
        const int cols = 256;
        var w = TestData.Weights(GgmlType.Q4_K, 16, cols, 4);
        var x = TestData.Floats(cols, 5);
        var ya = new float[16];
        var matmul = new MatMul(_pool);
        fixed (byte* p = w)
        {
            var m = new WeightMatrix(p, GgmlType.Q4_K, 16, cols);
            Assert.Throws<ArgumentException>(() => matmul.Multiply(m, m, x, 1, ya, new float[15]));
        }
        Assert.All(ya, v => Assert.Equal(0f, v));
    }
}
