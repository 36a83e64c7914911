using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;
using Gantry.Tensors.Threading;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// Every weight type × every kernel path against float64 references, over shapes whose columns and rows are not
/// multiples of any tile size and n = 1, 2, 3, 5, 8, 12, 17 (covers the four-token micro-kernel and its remainders;
/// rows ≥ 8 with n ≥ 8 reach the packed eight-row kernel, and 40×544 with n = 12 or 17 crosses several groups of
/// eight rows and of four tokens, with chunk edges between them).
/// Errors are measured relative to Σ|w·x| (the scale of the dot's terms), per output element.
/// </summary>
public sealed unsafe class MatMulTests : IDisposable
{
    private static readonly int[] TokenCounts = [1, 2, 3, 5, 8, 12, 17];
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    public static TheoryData<GgmlType, KernelPath> TypesAndPaths()
    {
        var data = new TheoryData<GgmlType, KernelPath>();
        foreach (var type in new[] { GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K })
        {
            foreach (var path in Enum.GetValues<KernelPath>())
            {
                data.Add(type, path);
            }
        }
        return data;
    }

    /// <summary>
    /// Bound against the exact product with the caller's float activations. It is set by how the type rounds the
    /// activations: not at all (F32: float summation only), to F16 (2^-11 relative per value), to BF16 (2^-8), or to
    /// 8-bit blocks (Q8_0 / Q8_K: at most half a step of amax/127 per value). Worst measured over all paths, shapes
    /// and n: F32 1.5e-7, F16 1.3e-4, BF16 1.0e-3, Q8_0 2.5e-3, Q4_0 2.5e-3, Q4_K 7.1e-4, Q6_K 7.0e-4.
    /// </summary>
    private static double ActivationBound(GgmlType type) => type switch
    {
        GgmlType.F32 => 1e-6,
        GgmlType.F16 => 5e-4,          // 2^-11 = 4.9e-4
        GgmlType.BF16 => 4e-3,         // 2^-8 = 3.9e-3
        _ => 1e-2,
    };

    /// <summary>
    /// Bound against the exact product with the activations as the kernel sees them: float summation only, so every
    /// path must agree with float64 to near float epsilon (worst measured 1.7e-7, scalar path, longest rows).
    /// </summary>
    private const double KernelBound = 1e-6;

    [Theory]
    [MemberData(nameof(TypesAndPaths))]
    public void Multiply_RandomShapes_MatchesFloat64Reference(GgmlType type, KernelPath path)
    {
        if (!KernelPaths.IsSupported(path)) return; // this CPU cannot run the path; nothing to check
        int block = GgmlTypeInfo.BlockSize(type) == 256 ? 256 : 32;
        (int Rows, int Cols)[] shapes = block == 256
            ? [(1, 256), (7, 512), (13, 768), (33, 1280)]
            : [(1, 32), (5, 96), (13, 160), (33, 544), (40, 544), (6, 1056)];
        var matmul = new MatMul(_pool) { Path = path };
        int seed = 1;
        double worst = 0, worstKernel = 0;
        foreach (var (rows, cols) in shapes)
        {
            var weights = TestData.Weights(type, rows, cols, seed++);
            var wd = TestData.DequantizedWeights(type, weights, rows, cols);
            foreach (int n in TokenCounts)
            {
                var x = TestData.Floats(n * cols, seed++, scale: 2f);
                var y = new float[n * rows];
                fixed (byte* wp = weights)
                {
                    matmul.Multiply(new WeightMatrix(wp, type, rows, cols), x, n, y);
                }
                var xKernel = ActivationsAsKernelSeesThem(type, x, n, cols);
                for (int t = 0; t < n; t++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        double exact = 0, exactKernel = 0, scale = 0, scaleKernel = 0;
                        for (int c = 0; c < cols; c++)
                        {
                            double wv = wd[r * cols + c];
                            exact += wv * x[t * cols + c];
                            exactKernel += wv * xKernel[t * cols + c];
                            scale += Math.Abs(wv * x[t * cols + c]);
                            scaleKernel += Math.Abs(wv * xKernel[t * cols + c]);
                        }
                        double got = y[t * rows + r];
                        double errKernel = Math.Abs(got - exactKernel) / scaleKernel;
                        double err = Math.Abs(got - exact) / scale;
                        worst = Math.Max(worst, err);
                        worstKernel = Math.Max(worstKernel, errKernel);
                        Assert.True(errKernel <= KernelBound, $"{type}/{path} {rows}x{cols} n={n} t={t} r={r}: kernel error {errKernel:E2}");
                        Assert.True(err <= ActivationBound(type), $"{type}/{path} {rows}x{cols} n={n} t={t} r={r}: error {err:E2}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(GgmlType.Q4_K)]
    [InlineData(GgmlType.Q8_0)]
    public void Multiply_SecondCallSameSize_AllocatesNothing(GgmlType type)
    {
        const int rows = 64, cols = 512, n = 8;
        var weights = TestData.Weights(type, rows, cols, 3);
        var x = TestData.Floats(n * cols, 4);
        var y = new float[n * rows];
        // One thread: the packed path's scratch is per thread, and with workers the first call's chunks might all
        // land on a worker, leaving the caller's scratch to be allocated inside the measured calls.
        using var pool = new WorkerPool(1);
        var matmul = new MatMul(pool);
        fixed (byte* wp = weights)
        {
            var w = new WeightMatrix(wp, type, rows, cols);
            matmul.Multiply(w, x, n, y);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) matmul.Multiply(w, x, n, y);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    [Theory]
    [InlineData(GgmlType.Q4_0)]
    [InlineData(GgmlType.Q8_0)]
    [InlineData(GgmlType.Q6_K)]
    [InlineData(GgmlType.F16)]
    public void Multiply_AnyThreadCount_BitIdenticalResults(GgmlType type)
    {
        // Each output is computed whole by one thread, so splitting rows differently must not change a bit.
        const int rows = 150, cols = 512, n = 7;
        var weights = TestData.Weights(type, rows, cols, 11);
        var x = TestData.Floats(n * cols, 12);
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var pool = new WorkerPool(threads);
            var y = new float[n * rows];
            fixed (byte* wp = weights)
            {
                new MatMul(pool).Multiply(new WeightMatrix(wp, type, rows, cols), x, n, y);
            }
            first ??= y;
            Assert.Equal(first, y);
        }
    }

    [Fact]
    public void Multiply_ShortBuffers_Throw()
    {
        var weights = TestData.Weights(GgmlType.Q8_0, 4, 64, 1);
        var matmul = new MatMul(_pool);
        fixed (byte* wp = weights)
        {
            var w = new WeightMatrix(wp, GgmlType.Q8_0, 4, 64);
            Assert.Throws<ArgumentException>(() => matmul.Multiply(w, new float[63], 1, new float[4]));
            Assert.Throws<ArgumentException>(() => matmul.Multiply(w, new float[128], 2, new float[7]));
        }
    }

    [Theory]
    [InlineData(GgmlType.Q4_0, 32, true)]
    [InlineData(GgmlType.Q6_K, 256, true)]
    [InlineData(GgmlType.Q5_K, 256, true)]
    [InlineData(GgmlType.Q3_K, 256, false)]
    public void IsSupported_KnownTypes_AsDocumented(GgmlType type, int _, bool expected)
    {
        Assert.Equal(expected, MatMul.IsSupported(type));
    }

    /// <summary>x after the kernel's activation conversion (quantize then dequantize, or round to F16/BF16).</summary>
    private static double[] ActivationsAsKernelSeesThem(GgmlType type, float[] x, int n, int cols)
    {
        var result = new double[n * cols];
        var converted = new byte[ActivationFormat.RowBytes(type, cols)];
        var back = new float[cols];
        fixed (float* xp = x)
        fixed (byte* cp = converted)
        fixed (float* bp = back)
        {
            for (int t = 0; t < n; t++)
            {
                ActivationFormat.Convert(type, xp + t * cols, cp, cols);
                switch (type)
                {
                    case GgmlType.Q8_0 or GgmlType.Q4_0 or GgmlType.Q5_0: BlockQ8_0.Dequantize(cp, bp, cols); break;
                    case GgmlType.Q4_K or GgmlType.Q5_K or GgmlType.Q6_K: BlockQ8_K.Dequantize(cp, bp, cols); break;
                    default: new Span<float>(cp, cols).CopyTo(back); break;
                }
                for (int c = 0; c < cols; c++) result[t * cols + c] = back[c];
            }
        }
        return result;
    }
}
