using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests.Quantization;

/// <summary>Quantize → Dequantize on uniform random rows. Bounds are relative RMS error ‖x̂ - x‖₂ / ‖x‖₂.</summary>
public sealed class RoundTripTests
{
    // Worst measured over the three sizes on this data: F16 2.3e-4, BF16 1.7e-3, Q8_0 3.8e-3, Q8_K 4.1e-3,
    // Q6_K 1.34e-2, Q4_K 5.5e-2, Q4_0 6.5e-2 (uniform data: 4 bits give ≈ step/√12 of the range).
    [Theory]
    [InlineData(GgmlType.F32, 0.0)]
    [InlineData(GgmlType.F16, 3e-4)]
    [InlineData(GgmlType.BF16, 2.5e-3)]
    [InlineData(GgmlType.Q8_0, 5e-3)]
    [InlineData(GgmlType.Q8_K, 6e-3)]
    [InlineData(GgmlType.Q6_K, 1.8e-2)]
    [InlineData(GgmlType.Q5_K, 3.5e-2)]
    [InlineData(GgmlType.Q5_0, 4e-2)]
    [InlineData(GgmlType.Q4_K, 6.5e-2)]
    [InlineData(GgmlType.Q4_0, 8e-2)]
    public void Row_RandomData_RelativeRmsErrorWithinBound(GgmlType type, double bound)
    {
        double worst = 0;
        var report = new System.Text.StringBuilder();
        foreach (int cols in new[] { 256, 1024, 4096 })
        {
            var x = TestData.Floats(cols, seed: cols + (int)type, scale: 3f);
            var encoded = new byte[GgmlTypeInfo.RowBytes(type, cols)];
            Quantize.Row(type, x, encoded);
            var back = new float[cols];
            Dequantize.Row(type, encoded, back);

            double err = 0, norm = 0;
            for (int i = 0; i < cols; i++)
            {
                err += (back[i] - (double)x[i]) * (back[i] - (double)x[i]);
                norm += (double)x[i] * x[i];
            }
            double relative = Math.Sqrt(err / norm);
            worst = Math.Max(worst, relative);
            report.Append($" cols={cols}: {relative:E3}");
        }
        Assert.True(worst <= bound, $"{type}: relative RMS error above {bound:E3}:{report}");
    }

    [Fact]
    public void Row_Q8_0_EachValueWithinHalfStep()
    {
        var x = TestData.Floats(1024, seed: 5);
        var encoded = new byte[GgmlTypeInfo.RowBytes(GgmlType.Q8_0, 1024)];
        Quantize.Row(GgmlType.Q8_0, x, encoded);
        var back = new float[1024];
        Dequantize.Row(GgmlType.Q8_0, encoded, back);
        for (int b = 0; b < 32; b++)
        {
            float amax = 0;
            for (int j = 0; j < 32; j++) amax = MathF.Max(amax, MathF.Abs(x[b * 32 + j]));
            for (int j = 0; j < 32; j++)
            {
                // Half a step of amax/127, plus the fp16 rounding of d (2^-11 relative) times the level (≤127).
                double bound = amax / 254.0 + amax * Math.Pow(2, -11);
                Assert.InRange(Math.Abs(back[b * 32 + j] - x[b * 32 + j]), 0, bound);
            }
        }
    }

    [Fact]
    public void Row_Q4_0_HandcraftedBlock_MatchesGgmlLayout()
    {
        // x = j%16 - 8: the largest magnitude is -8, so d = -8/-8 = 1 and level = value + 8 = j%16.
        var x = new float[32];
        for (int j = 0; j < 32; j++) x[j] = j % 16 - 8;
        var encoded = new byte[18];
        Quantize.Row(GgmlType.Q4_0, x, encoded);
        Assert.Equal(0x00, encoded[0]);
        Assert.Equal(0x3C, encoded[1]);   // fp16 1.0, little-endian
        for (int j = 0; j < 16; j++) Assert.Equal((byte)(j | (j << 4)), encoded[2 + j]);
    }

    [Fact]
    public void Row_Q8_0_HandcraftedBlock_MatchesGgmlLayout()
    {
        var x = new float[32];
        for (int j = 0; j < 32; j++) x[j] = (j - 16) / 16f;   // amax = 1 → d = 1/127
        var encoded = new byte[34];
        Quantize.Row(GgmlType.Q8_0, x, encoded);
        Assert.Equal(BitConverter.HalfToUInt16Bits((Half)(1f / 127)), BitConverter.ToUInt16(encoded, 0));
        for (int j = 0; j < 32; j++)
        {
            Assert.Equal((sbyte)MathF.Round((j - 16) / 16f * 127f, MidpointRounding.AwayFromZero), (sbyte)encoded[2 + j]);
        }
    }

    [Fact]
    public void Row_WrongSizes_ThrowWithMessage()
    {
        Assert.Throws<ArgumentException>(() => Quantize.Row(GgmlType.Q4_K, new float[100], new byte[1000]));
        Assert.Throws<ArgumentException>(() => Quantize.Row(GgmlType.Q8_0, new float[64], new byte[67]));
        Assert.Throws<NotSupportedException>(() => Quantize.Row(GgmlType.Q3_K, new float[256], new byte[1000]));
    }
}
