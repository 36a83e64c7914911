namespace Gantry.Tensors.Kernels;

/// <summary>Edge validation shared by the row converters: precise messages instead of a corrupt buffer later.</summary>
internal static class RowFormat
{
    public static void Validate(GgmlType type, int bytes, int elements, string bytesName)
    {
        if (!Dequantize.IsSupported(type))
        {
            throw new NotSupportedException($"Type {type} is not supported by Gantry.Tensors.");
        }
        int blockSize = GgmlTypeInfo.BlockSize(type);
        if (elements % blockSize != 0)
        {
            throw new ArgumentException($"A {type} row needs a multiple of {blockSize} elements; got {elements}.");
        }
        long expected = GgmlTypeInfo.RowBytes(type, elements);
        if (bytes < expected)
        {
            throw new ArgumentException($"A {type} row of {elements} elements takes {expected} bytes; got {bytes}.", bytesName);
        }
    }
}
