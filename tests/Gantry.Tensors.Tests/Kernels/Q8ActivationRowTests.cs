using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary>The trailer the VNNI kernels read must restate the row's own blocks exactly.</summary>
public sealed unsafe class Q8ActivationRowTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(96)]
    [InlineData(2048)]
    public void WriteTrailer_MatchesBlocks(int cols)
    {
        var rng = new Random(cols);
        var x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float)(rng.NextDouble() * 6 - 3);
        int rowBytes = Q8ActivationRow.RowBytes(cols);
        Assert.Equal(0, rowBytes % 4);
        var row = new byte[rowBytes];
        fixed (float* xp = x)
        fixed (byte* rp = row)
        {
            ActivationQuantizer.Q8_0(xp, rp, cols);
            Q8ActivationRow.WriteTrailer(rp, cols);
            for (int b = 0; b < cols / 32; b++)
            {
                byte* block = rp + b * BlockQ8_0.BlockBytes;
                int sum = 0;
                for (int j = 0; j < 32; j++) sum += ((sbyte*)(block + 2))[j];
                Assert.Equal(Fp16.Load(block), Q8ActivationRow.Scales(rp, cols)[b]);
                Assert.Equal(-128 * sum, Q8ActivationRow.Minus128Sums(rp, cols)[b]);
                Assert.Equal(-8 * sum, Q8ActivationRow.Minus8Sums(rp, cols)[b]);
                Assert.Equal(-16 * sum, Q8ActivationRow.Minus16Sums(rp, cols)[b]);
            }
        }
    }
}
