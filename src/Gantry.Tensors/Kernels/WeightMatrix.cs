namespace Gantry.Tensors.Kernels;

/// <summary>
/// A row-major weight matrix in its GGUF block format: <see cref="Rows"/> rows of <see cref="Cols"/> elements,
/// each row <see cref="RowBytes"/> bytes, starting at <see cref="Data"/> (usually a pointer into a memory-mapped
/// file; never copied). The memory must outlive every use of the struct. <see cref="Packed"/>, when set, holds the
/// same rows repacked at load for the eight- or sixteen-row kernels (<see cref="WeightRepacker"/>).
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

    /// <summary>
    /// (Rows / <see cref="PackedGroupRows"/>, <see cref="PackedGroupBytes"/>) the whole groups of rows in the type's
    /// load-time layout (<see cref="NibbleRows8"/>, <see cref="SignedRows8"/>, <see cref="NibbleKRows8"/>,
    /// <see cref="SixBitKRows8"/>, <see cref="CompactRows8"/>, <see cref="CompactRows16"/>), or null. Rows past the
    /// last whole group are read from <see cref="Data"/>.
    /// </summary>
    public byte* Packed { get; private init; }

    /// <summary>Bytes of one group of <see cref="PackedGroupRows"/> rows in <see cref="Packed"/>; 0 without it.</summary>
    public int PackedGroupBytes { get; private init; }

    /// <summary>Rows per group in <see cref="Packed"/>: 8, or 16 for the sixteen-row layouts; 0 without it.</summary>
    public int PackedGroupRows { get; private init; }

    /// <summary>This matrix with its repacked rows at <paramref name="packed"/> (see <see cref="Packed"/>).</summary>
    public WeightMatrix WithPacked(byte* packed, int groupBytes, int groupRows = 8) =>
        new(Data, Type, Rows, Cols) { Packed = packed, PackedGroupBytes = groupBytes, PackedGroupRows = groupRows };

    /// <summary>Rows [start, start + count) as a matrix of their own (no copy); the repacked rows follow when
    /// <paramref name="start"/> is a multiple of the group's rows and the slice holds a whole group.</summary>
    public WeightMatrix Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Rows - start);
        var view = new WeightMatrix(Data + (long)start * RowBytes, Type, count, Cols);
        int g = PackedGroupRows;
        return Packed != null && start % g == 0 && count >= g
            ? view.WithPacked(Packed + (long)(start / g) * PackedGroupBytes, PackedGroupBytes, g)
            : view;
    }
    public GgmlType Type { get; }
    public int Rows { get; }
    public int Cols { get; }
    /// <summary>Bytes from one row's start to the next.</summary>
    public int RowBytes { get; }
}
