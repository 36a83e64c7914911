using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>The vectorized activation quantizers must produce exactly the bytes of their scalar definitions.</summary>
public sealed unsafe class ActivationQuantizerTests
{
    public static TheoryData<float> Scales() => new() { 1e-4f, 1f, 300f };

    [Theory]
    [MemberData(nameof(Scales))]
    public void Q8_0_RandomAndTies_BitIdenticalToScalar(float scale)
    {
        foreach (int cols in new[] { 32, 96, 2048 })
        {
            var x = Inputs(cols, scale);
            Compare(x, cols / 32 * BlockQ8_0.BlockBytes, &BlockQ8_0.QuantizeActivations, &ActivationQuantizer.Q8_0);
        }
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Q8_K_RandomAndTies_BitIdenticalToScalar(float scale)
    {
        foreach (int cols in new[] { 256, 768, 4096 })
        {
            var x = Inputs(cols, scale);
            Compare(x, cols / 256 * BlockQ8_K.BlockBytes, &BlockQ8_K.Quantize, &ActivationQuantizer.Q8_K);
        }
    }

    [Fact]
    public void Q8_K_AllZeroBlock_IsAllZero()
    {
        var x = new float[512];
        x[300] = 1f; // second block non-zero
        Compare(x, 2 * BlockQ8_K.BlockBytes, &BlockQ8_K.Quantize, &ActivationQuantizer.Q8_K);
    }

    // Random values, plus exact halves (ties) and equal-magnitude opposite-sign maxima, which pick the scale's sign.
    private static float[] Inputs(int cols, float scale)
    {
        var x = TestData.Floats(cols, seed: cols, scale);
        for (int i = 0; i < cols; i += 7) x[i] = MathF.Round(x[i] * 4) / 4 * scale;
        x[cols / 2] = -2 * scale;
        x[cols / 2 + 1] = 2 * scale;
        return x;
    }

    private static void Compare(float[] x, int bytes, delegate*<float*, byte*, int, void> scalar, delegate*<float*, byte*, int, void> vector)
    {
        var expected = new byte[bytes];
        var actual = new byte[bytes];
        fixed (float* xp = x)
        fixed (byte* e = expected)
        fixed (byte* a = actual)
        {
            scalar(xp, e, x.Length);
            vector(xp, a, x.Length);
        }
        Assert.Equal(expected, actual);
    }
}
