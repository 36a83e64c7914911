namespace Gantry.Tensors.Kernels;

/// <summary>
/// A row-major weight matrix in its GGUF block format: <see cref="Rows"/> rows of <see cref="Cols"/> elements,
/// each row <see cref="RowBytes"/> bytes, starting at <see cref="Data"/> (usually a pointer into a memory-mapped
/// file; never copied). The memory must outlive every use of the struct.
/// </summary>
public readonly unsafe struct WeightMatrix
{
    /// <param name="data">(rows, RowBytes) encoded weights.</param>
    public WeightMatrix(byte* data, GgmlType type, int rows, int cols)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }
        if (!GgmlTypeInfo.IsKnown(type))
        {
            throw new NotSupportedException($"Weight type {type} has no known layout.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (cols % GgmlTypeInfo.BlockSize(type) != 0)
        {
            throw new ArgumentException($"A {type} row needs a multiple of {GgmlTypeInfo.BlockSize(type)} columns; got {cols}.", nameof(cols));
        }
        Data = data;
        Type = type;
        Rows = rows;
        Cols = cols;
        RowBytes = checked((int)GgmlTypeInfo.RowBytes(type, cols));
    }

    public byte* Data { get; }
    public GgmlType Type { get; }
    public int Rows { get; }
    public int Cols { get; }
    /// <summary>Bytes from one row's start to the next.</summary>
    public int RowBytes { get; }
}
