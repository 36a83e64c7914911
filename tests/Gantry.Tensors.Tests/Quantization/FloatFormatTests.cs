using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Quantization;

public sealed class FloatFormatTests
{
    [Fact]
    public void Fp16_EveryNonNaNHalf_RoundTripsBitExact()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float f = Fp16.ToFloat((ushort)bits);
            if (float.IsNaN(f)) continue;
            Assert.Equal((ushort)bits, Fp16.FromFloat(f));
        }
    }

    [Theory]
    [InlineData(1f, 0x3C00)]
    [InlineData(-2f, 0xC000)]
    [InlineData(65504f, 0x7BFF)]
    [InlineData(1e6f, 0x7C00)]                       // overflow → +inf, as F16C does
    [InlineData(1f + 1f / 2048, 0x3C00)]             // exact tie → even mantissa
    [InlineData(1f + 3f / 2048, 0x3C02)]             // exact tie → even mantissa (up)
    [InlineData(5.9604645e-08f, 0x0001)]             // smallest subnormal
    public void Fp16_FromFloat_RoundsToNearestEven(float value, int expected)
    {
        Assert.Equal((ushort)expected, Fp16.FromFloat(value));
    }

    [Theory]
    [InlineData(1f, 0x3F80)]
    [InlineData(1f + 1f / 256, 0x3F80)]              // tie → even
    [InlineData(1f + 3f / 256, 0x3F82)]              // tie → even (up)
    [InlineData(-3.140625f, 0xC049)]
    public void BFloat16_FromFloat_RoundsToNearestEven(float value, int expected)
    {
        Assert.Equal((ushort)expected, BFloat16.FromFloat(value));
    }

    [Fact]
    public void BFloat16_NaN_StaysNaN()
    {
        ushort bits = BFloat16.FromFloat(BitConverter.UInt32BitsToSingle(0x7F800001));
        Assert.True(float.IsNaN(BFloat16.ToFloat(bits)));
    }

    [Theory]
    [InlineData(2.5f, 2)]
    [InlineData(3.5f, 4)]
    [InlineData(-2.5f, -2)]
    [InlineData(-0.4f, 0)]
    [InlineData(126.6f, 127)]
    public void NearestInt_Ties_RoundToEven(float value, int expected)
    {
        Assert.Equal(expected, KQuantSearch.NearestInt(value));
    }
}
