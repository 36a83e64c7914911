using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// A batch cut into two parts (a pipeline's micro-batches) gives every row the same bits as the whole batch wherever
/// <see cref="MatMul.SameBitsWhenCut"/> allows the cut, although a part may then take the packed eight-row kernels
/// where the whole did not (or the reverse); every weight type, every path this CPU runs. And the rule is not empty:
/// a cut inside a group of four does change bits.
/// </summary>
public sealed unsafe class MatMulCutTests : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    public static TheoryData<GgmlType> Types() =>
        [GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K];

    [Theory]
    [MemberData(nameof(Types))]
    public void Multiply_BatchCutAtTokenGroups_SameBitsAsWholeBatch(GgmlType type)
    {
        var cols = GgmlTypeInfo.BlockSize(type) == 256 ? 512 : 544;
        const int rows = 40;
        var weights = TestData.Weights(type, rows, cols, 3);
        var checkedCuts = 0;
        foreach (var path in Enum.GetValues<KernelPath>())
        {
            if (!KernelPaths.IsSupported(path)) continue;
            var matmul = new MatMul(_pool) { Path = path };
            foreach (var n in new[] { 5, 8, 9, 12, 16, 17, 19, 24, 30 })
            {
                var x = TestData.Floats(n * cols, n, scale: 2f);
                var whole = new float[n * rows];
                fixed (byte* wp = weights)
                {
                    var w = new WeightMatrix(wp, type, rows, cols);
                    matmul.Multiply(w, x, n, whole);
                    for (var cut = 1; cut < n; cut++)
                    {
                        if (!MatMul.SameBitsWhenCut(n, cut)) continue;
                        var parts = new float[n * rows];
                        matmul.Multiply(w, x.AsSpan(0, cut * cols), cut, parts.AsSpan(0, cut * rows));
                        matmul.Multiply(w, x.AsSpan(cut * cols), n - cut, parts.AsSpan(cut * rows));
                        Assert.True(whole.AsSpan().SequenceEqual(parts), $"{type} on {path}: {n} rows cut at {cut} differ from the whole batch");
                        checkedCuts++;
                    }
                }
            }
        }
        Assert.True(checkedCuts >= 20, $"only {checkedCuts} cuts were checked");
    }

    [Fact]
    public void Multiply_CutInsideAGroup_ChangesBitsOnAvx2F32()
    {
        if (!KernelPaths.IsSupported(KernelPath.Avx2)) return; // the scalar paths have no four-token kernel to differ from
        Assert.False(MatMul.SameBitsWhenCut(8, 5));
        Assert.False(MatMul.SameBitsWhenCut(9, 8)); // one row after the cut
        Assert.True(MatMul.SameBitsWhenCut(8, 4));
        const int rows = 40, cols = 544, n = 8, cut = 6;
        var weights = TestData.Weights(GgmlType.F32, rows, cols, 5);
        var x = TestData.Floats(n * cols, 6, scale: 2f);
        var whole = new float[n * rows];
        var parts = new float[n * rows];
        var matmul = new MatMul(_pool) { Path = KernelPath.Avx2 };
        fixed (byte* wp = weights)
        {
            var w = new WeightMatrix(wp, GgmlType.F32, rows, cols);
            matmul.Multiply(w, x, n, whole);
            matmul.Multiply(w, x.AsSpan(0, cut * cols), cut, parts.AsSpan(0, cut * rows));
            matmul.Multiply(w, x.AsSpan(cut * cols), n - cut, parts.AsSpan(cut * rows));
        }
        // Rows 4 and 5 went through the four-token kernel whole and the one-token kernel cut: they round differently.
        Assert.False(whole.AsSpan().SequenceEqual(parts));
    }
}
