using Gantry.Tensors.Kernels;

namespace Gantry.Tensors.Tests;

/// <summary>Seeded random inputs. Values are never zero (|v| ≥ 1e-3) so relative checks stay meaningful.</summary>
internal static class TestData
{
    public static float[] Floats(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            float v = (float)(random.NextDouble() * 2 - 1);
            if (MathF.Abs(v) < 1e-3f) v = v < 0 ? -1e-3f : 1e-3f;
            values[i] = v * scale;
        }
        return values;
    }

    /// <summary>Quantizes (rows, cols) random floats into <paramref name="type"/>; rows get different magnitudes.</summary>
    public static byte[] Weights(GgmlType type, int rows, int cols, int seed)
    {
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        var data = new byte[rows * rowBytes];
        for (int r = 0; r < rows; r++)
        {
            var row = Floats(cols, seed * 7919 + r, scale: 0.5f + r % 5);
            Quantize.Row(type, row, data.AsSpan(r * rowBytes, rowBytes));
        }
        return data;
    }

    /// <summary>Weights dequantized to double: the exact values every kernel should be multiplying.</summary>
    public static double[] DequantizedWeights(GgmlType type, byte[] data, int rows, int cols)
    {
        int rowBytes = (int)GgmlTypeInfo.RowBytes(type, cols);
        var row = new float[cols];
        var result = new double[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            Dequantize.Row(type, data.AsSpan(r * rowBytes, rowBytes), row);
            for (int c = 0; c < cols; c++) result[r * cols + c] = row[c];
        }
        return result;
    }
}
