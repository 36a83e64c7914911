using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>
/// Gantry against llama.cpp's compiled ggml: quantizers byte for byte, dequantizers value for value, and the dot
/// kernels to float rounding (summation order differs; the integers do not).
/// </summary>
public sealed unsafe class GgmlParityTests
{
    public static TheoryData<GgmlType, string, string> QuantizedTypes() => new()
    {
        { GgmlType.Q8_0, "quantize_row_q8_0_ref", "dequantize_row_q8_0" },
        { GgmlType.Q4_0, "quantize_row_q4_0_ref", "dequantize_row_q4_0" },
        { GgmlType.Q5_0, "quantize_row_q5_0_ref", "dequantize_row_q5_0" },
        { GgmlType.Q4_K, "quantize_row_q4_K_ref", "dequantize_row_q4_K" },
        { GgmlType.Q5_K, "quantize_row_q5_K_ref", "dequantize_row_q5_K" },
        { GgmlType.Q6_K, "quantize_row_q6_K_ref", "dequantize_row_q6_K" },
        { GgmlType.Q8_K, "quantize_row_q8_K_ref", "dequantize_row_q8_K" },
    };

    [Theory]
    [MemberData(nameof(QuantizedTypes))]
    public void QuantizeRow_RandomRows_BitIdenticalToGgmlReference(GgmlType type, string quantizeName, string dequantizeName)
    {
        if (!GgmlNative.Available) return;
        var quantize = GgmlNative.RowFunction(quantizeName);
        var dequantize = GgmlNative.RowFunction(dequantizeName);
        const int cols = 4096;
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        foreach (float scale in new[] { 1e-3f, 0.7f, 40f })
        {
            for (int seed = 0; seed < 4; seed++)
            {
                var x = TestData.Floats(cols, seed * 31 + (int)type, scale);
                // Outliers exercise the clamps and the search's edges.
                x[seed * 97 % cols] *= 9f;
                var ours = new byte[rowBytes];
                var theirs = new byte[rowBytes];
                Gantry.Tensors.Kernels.Quantize.Row(type, x, ours);
                fixed (float* xp = x)
                fixed (byte* tp = theirs)
                {
                    quantize(xp, tp, cols);
                }
                Assert.Equal(theirs, ours);

                var oursBack = new float[cols];
                var theirsBack = new float[cols];
                Dequantize.Row(type, ours, oursBack);
                fixed (byte* tp = theirs)
                fixed (float* bp = theirsBack)
                {
                    dequantize(tp, bp, cols);
                }
                Assert.Equal(theirsBack, oursBack);
            }
        }
    }

    [Fact]
    public void ActivationsQ8_0_BitIdenticalToGgmlCpuX86Quantizer()
    {
        if (!GgmlNative.Available) return;
        var quantize = GgmlNative.RowFunction("quantize_row_q8_0", cpu: true);
        const int cols = 2048;
        for (int seed = 0; seed < 8; seed++)
        {
            var x = TestData.Floats(cols, seed + 100, scale: 3f);
            var ours = new byte[cols / 32 * 34];
            var theirs = new byte[cols / 32 * 34];
            fixed (float* xp = x)
            fixed (byte* op = ours)
            fixed (byte* tp = theirs)
            {
                BlockQ8_0.QuantizeActivations(xp, op, cols);
                quantize(xp, tp, cols);
            }
            Assert.Equal(theirs, ours);
        }
    }

    public static TheoryData<GgmlType, string, KernelPath> DotKernels()
    {
        var data = new TheoryData<GgmlType, string, KernelPath>();
        foreach (var path in Enum.GetValues<KernelPath>())
        {
            data.Add(GgmlType.Q8_0, "ggml_vec_dot_q8_0_q8_0", path);
            data.Add(GgmlType.Q4_0, "ggml_vec_dot_q4_0_q8_0", path);
            data.Add(GgmlType.Q5_0, "ggml_vec_dot_q5_0_q8_0", path);
            data.Add(GgmlType.Q4_K, "ggml_vec_dot_q4_K_q8_K", path);
            data.Add(GgmlType.Q5_K, "ggml_vec_dot_q5_K_q8_K", path);
            data.Add(GgmlType.Q6_K, "ggml_vec_dot_q6_K_q8_K", path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DotKernels))]
    public void Dot_RandomRows_MatchesGgmlVecDot(GgmlType type, string vecDotName, KernelPath path)
    {
        if (!KernelPaths.IsSupported(path) || !GgmlNative.Available) return;
        var vecDot = GgmlNative.VecDot(vecDotName);
        var kernels = KernelTable.Get(type, path);
        const int cols = 2048;
        for (int seed = 0; seed < 6; seed++)
        {
            var weights = TestData.Weights(type, 1, cols, seed + 50);
            var x = TestData.Floats(cols, seed + 60, scale: 2f);
            var xq = new byte[ActivationFormat.RowBytes(type, cols)];
            float theirs;
            float ours;
            fixed (float* xp = x)
            fixed (byte* qp = xq)
            fixed (byte* wp = weights)
            {
                ActivationFormat.Convert(type, xp, qp, cols);
                vecDot(cols, &theirs, 0, wp, 0, qp, 0, 1);
                ours = kernels.Dot(wp, qp, cols);
            }
            Assert.True(Math.Abs(ours - theirs) <= 1e-5f * Math.Max(1f, Math.Abs(theirs)), $"{type}/{path}: {ours} vs ggml {theirs}");
        }
    }
}
