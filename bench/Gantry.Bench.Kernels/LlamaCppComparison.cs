using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.Kernels;

/// <summary>
/// `vs-llama [threads]`: Gantry's MatMul against llama.cpp's compiled ggml kernels (the AVX2 build shipped with
/// LLamaSharp.Backend.Cpu) on the same weights, in the same process, measurements interleaved so machine load hits
/// both alike. ggml's side mirrors ggml_compute_forward_mul_mat on x86 for these types: quantize activations with
/// its from_float, then vec_dot per (row, token) over 16×16 row/token blocks. Single-threaded on both sides.
/// (llama.cpp may route Q8_0/Q4_0 batches through llamafile's tinyBLAS instead, which is not exported.)
/// </summary>
internal static unsafe class LlamaCppComparison
{
    public static void Run(string? onlyType)
    {
        string dir = typeof(LlamaCppComparison).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GgmlNativeDir").Value!;
        NativeLibrary.Load(Path.Combine(dir, "libggml-base.so"));
        nint cpu = NativeLibrary.Load(Path.Combine(dir, "libggml-cpu.so"));
        ((delegate* unmanaged<void>)NativeLibrary.GetExport(cpu, "ggml_cpu_init"))();

        using var pool = new WorkerPool(1);
        var matmul = new MatMul(pool);
        foreach (var (type, vecDot, fromFloat) in new[]
        {
            (GgmlType.Q8_0, "ggml_vec_dot_q8_0_q8_0", "quantize_row_q8_0"),
            (GgmlType.Q4_0, "ggml_vec_dot_q4_0_q8_0", "quantize_row_q8_0"),
            (GgmlType.Q4_K, "ggml_vec_dot_q4_K_q8_K", "quantize_row_q8_K"),
            (GgmlType.Q6_K, "ggml_vec_dot_q6_K_q8_K", "quantize_row_q8_K"),
        })
        {
            if (onlyType is not null && type.ToString() != onlyType) continue;
            var dot = (delegate* unmanaged<int, float*, nuint, void*, nuint, void*, nuint, int, void>)NativeLibrary.GetExport(cpu, vecDot);
            var quantize = (delegate* unmanaged<float*, void*, long, void>)NativeLibrary.GetExport(cpu, fromFloat);
            foreach (var shape in new[] { "2048x2048", "5632x2048", "2048x5632" })
            {
                foreach (int n in new[] { 1, 8 })
                {
                    var bench = new MatVecBenchmarks { Type = type, Shape = shape, N = n };
                    bench.Setup();
                    int rows = int.Parse(shape.Split('x')[0]), cols = int.Parse(shape.Split('x')[1]);
                    int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
                    int xBytes = ActivationFormat.RowBytes(type, cols);
                    var x = TestInput(n * cols);
                    var y = new float[n * rows];
                    var xq = new byte[n * xBytes];
                    double ours = double.MaxValue, theirs = double.MaxValue;
                    for (int round = 0; round < 5; round++)
                    {
                        ours = Math.Min(ours, Time(() =>
                        {
                            matmul.Multiply(new WeightMatrix(bench.NextCopy(), type, rows, cols), x, n, y);
                        }));
                        theirs = Math.Min(theirs, Time(() =>
                        {
                            byte* w = bench.NextCopy();
                            fixed (float* xp = x)
                            fixed (byte* qp = xq)
                            fixed (float* yp = y)
                            {
                                for (int t = 0; t < n; t++) quantize(xp + (long)t * cols, qp + (long)t * xBytes, cols);
                                for (int r0 = 0; r0 < rows; r0 += 16)
                                for (int t0 = 0; t0 < n; t0 += 16)
                                for (int t = t0; t < Math.Min(n, t0 + 16); t++)
                                for (int r = r0; r < Math.Min(rows, r0 + 16); r++)
                                {
                                    dot(cols, yp + (long)t * rows + r, 0, w + (long)r * rowBytes, 0, qp + (long)t * xBytes, 0, 1);
                                }
                            }
                        }));
                    }
                    long bytes = (long)rows * rowBytes;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{type,-5} {shape,-10} n={n,-2} gantry {ours / 1000,9:F1} us ({bytes / ours,5:F2} GB/s)   ggml {theirs / 1000,9:F1} us ({bytes / theirs,5:F2} GB/s)   speedup {theirs / ours:F2}x"));
                    bench.Cleanup();
                }
            }
        }
    }

    private static float[] TestInput(int count)
    {
        var random = new Random(7);
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }

    // Best of several ~200 ms batches, in ns per call.
    private static double Time(Action action)
    {
        action();
        var sw = Stopwatch.StartNew();
        int calls = 0;
        while (sw.ElapsedMilliseconds < 200)
        {
            action();
            calls++;
        }
        return sw.Elapsed.TotalNanoseconds / calls;
    }
}
