using Gantry.Tensors.Kernels;
using Gantry.Tensors.Quantization;

namespace Gantry.Tensors.Tests.Kernels;

/// <summary><see cref="CompactRows8"/>: the transposed quants and the fp16 scales byte for byte, at the file's size.</summary>
public sealed unsafe class CompactRows8Tests
{
    [Fact]
    public void PackQ8_0_RandomRows_LanesHoldFlippedQuantsAndTheFilesHalfScales()
    {
        const int rows = 9, cols = 96;
        var weights = TestData.Weights(GgmlType.Q8_0, rows, cols, 31);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q8_0, cols);
        Assert.Equal(8 * rowBytes, CompactRows8.Q8_0GroupBytes(cols));
        var packed = new byte[CompactRows8.Q8_0GroupBytes(cols)];
        fixed (byte* wp = weights)
        fixed (byte* dst = packed)
        {
            CompactRows8.PackQ8_0(wp + rowBytes, rowBytes, cols, dst);
            for (int b = 0; b < cols / 32; b++)
            for (int r = 0; r < 8; r++)
            {
                byte* block = wp + (1 + r) * rowBytes + b * BlockQ8_0.BlockBytes;
                byte* pb = dst + b * CompactRows8.Q8_0BlockBytes;
                Assert.Equal(*(ushort*)block, ((ushort*)(pb + 256))[r]);
                for (int j = 0; j < 32; j++) Assert.Equal((byte)(block[2 + j] ^ 0x80), pb[(j / 4) * 32 + r * 4 + j % 4]);
            }
        }
    }

    [Fact]
    public void PackQ4_0_RandomRows_LanesHoldTheQuantBytesAndTheFilesHalfScales()
    {
        const int rows = 8, cols = 160;
        var weights = TestData.Weights(GgmlType.Q4_0, rows, cols, 32);
        int rowBytes = (int)GgmlTypeInfo.RowBytes(GgmlType.Q4_0, cols);
        Assert.Equal(8 * rowBytes, CompactRows8.Q4_0GroupBytes(cols));
        var packed = new byte[CompactRows8.Q4_0GroupBytes(cols)];
        fixed (byte* wp = weights)
        fixed (byte* dst = packed)
        {
            CompactRows8.PackQ4_0(wp, rowBytes, cols, dst);
            for (int b = 0; b < cols / 32; b++)
            for (int r = 0; r < 8; r++)
            {
                byte* block = wp + r * rowBytes + b * BlockQ4_0.BlockBytes;
                byte* pb = dst + b * CompactRows8.Q4_0BlockBytes;
                Assert.Equal(*(ushort*)block, ((ushort*)(pb + 128))[r]);
                for (int j = 0; j < 16; j++) Assert.Equal(block[2 + j], pb[(j / 4) * 32 + r * 4 + j % 4]);
            }
        }
    }
}
