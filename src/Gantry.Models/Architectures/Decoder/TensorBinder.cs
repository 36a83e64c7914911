using Gantry.Models.Gguf;
using Gantry.Models.Sharding;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Looks tensors up by name and checks shape and type, each failure a <see cref="ModelFormatException"/> naming the
/// tensor. With a <see cref="WeightRepacker"/>, matrices it can repack come back with their repacked copy.
/// A tensor-parallel shard binds row ranges (views of the mapping) and column ranges (copied into
/// <c>buffers</c>, as a row's columns are not contiguous across rows).
/// </summary>
internal sealed unsafe class TensorBinder(GgufFile file, WeightRepacker? repacker = null, NativeBuffers? buffers = null)
{
    public bool Has(string name) => file.FindTensor(name) is not null;

    /// <summary>A 2-D tensor of GGUF shape [cols, rows] (a 1-D tensor of <paramref name="cols"/> when rows is 1).</summary>
    public WeightMatrix Matrix(string name, int rows, int cols, bool allowAnyType = false)
    {
        var t = Checked(name, rows, cols, allowAnyType);
        return Repacked(new WeightMatrix(file.TensorPointer(t), t.Type, rows, cols), t.ByteSize, keepMapped: allowAnyType);
    }

    /// <summary>Rows [start, start + count) of the (rows, cols) tensor: a view of the mapping (repacked where it can be).</summary>
    public WeightMatrix Rows(string name, int rows, int cols, int start, int count, bool allowAnyType = false)
    {
        if (start == 0 && count == rows) return Matrix(name, rows, cols, allowAnyType);
        var t = Checked(name, rows, cols, allowAnyType);
        var slice = new WeightMatrix(file.TensorPointer(t), t.Type, rows, cols).Slice(start, count);
        return Repacked(slice, (long)count * slice.RowBytes, keepMapped: allowAnyType);
    }

    /// <summary>
    /// Columns [start, start + count) of every row of the (rows, cols) tensor, copied; the mapped tensor is released
    /// after. A slice must not cut a quantization block: the encoded blocks are copied whole, never re-encoded.
    /// </summary>
    public WeightMatrix Columns(string name, int rows, int cols, int start, int count)
    {
        if (start == 0 && count == cols) return Matrix(name, rows, cols);
        var t = Checked(name, rows, cols, allowAnyType: false);
        var block = GgmlTypeInfo.BlockSize(t.Type);
        if (start % block != 0 || count % block != 0)
            throw new TensorSplitException($"tensor '{name}' is {t.Type}, in blocks of {block} columns; a tensor-parallel shard of its columns {start}..{start + count - 1} would cut a block");
        if (buffers is null) throw new InvalidOperationException("column slices need a buffer owner");
        var full = new WeightMatrix(file.TensorPointer(t), t.Type, rows, cols);
        var offset = GgmlTypeInfo.RowBytes(t.Type, start);
        var rowBytes = GgmlTypeInfo.RowBytes(t.Type, count);
        var copy = buffers.Allocate(rows * rowBytes);
        for (var r = 0; r < rows; r++) Buffer.MemoryCopy(full.Data + (long)r * full.RowBytes + offset, copy + r * rowBytes, rowBytes, rowBytes);
        MappedPages.Release(full.Data, t.ByteSize);
        var sliced = new WeightMatrix(copy, t.Type, rows, count);
        return repacker is null ? sliced : repacker.Repack(sliced);
    }

    /// <summary>Elements [start, start + count) of a vector of <paramref name="length"/> (a shard's part of a bias).</summary>
    public float[] Vector(string name, int length, int start, int count) =>
        start == 0 && count == length ? Vector(name, length) : Vector(name, length).AsSpan(start, count).ToArray();

    /// <summary>A 3-D tensor of GGUF shape [cols, rows, count] (stacked experts), as <paramref name="count"/> matrix views.</summary>
    public WeightMatrix[] Stacked(string name, int count, int rows, int cols)
    {
        var t = file.GetTensor(name);
        if (t.Shape.Length != 3 || t.Shape[0] != cols || t.Shape[1] != rows || t.Shape[2] != count)
            throw new ModelFormatException($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{cols}, {rows}, {count}]");
        CheckType(name, t.Type, allowAnyType: false);
        var all = Repacked(new WeightMatrix(file.TensorPointer(t), t.Type, rows * count, cols), t.ByteSize, keepMapped: false);
        var views = new WeightMatrix[count];
        for (var e = 0; e < count; e++) views[e] = all.Slice(e * rows, rows);
        return views;
    }

    public float[] Vector(string name, int length)
    {
        var t = file.GetTensor(name);
        if (t.ElementCount != length) throw new ModelFormatException($"tensor '{name}' has {t.ElementCount} elements; expected {length}");
        if (!Dequantize.IsSupported(t.Type)) throw new ModelFormatException($"tensor '{name}' has unsupported type {t.Type}");
        var values = new float[length];
        Dequantize.Row(t.Type, file.TensorData(t), values);
        return values;
    }

    private GgufTensorInfo Checked(string name, int rows, int cols, bool allowAnyType)
    {
        var t = file.GetTensor(name);
        var shapeOk = t.Shape.Length == 2 ? t.Shape[0] == cols && t.Shape[1] == rows : t.Shape.Length == 1 && rows == 1 && t.Shape[0] == cols;
        if (!shapeOk) throw new ModelFormatException($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{cols}, {rows}]");
        CheckType(name, t.Type, allowAnyType);
        return t;
    }

    /// <summary>
    /// The matrix with its repacked copy where the repacker makes one; the <paramref name="bytes"/> of mapped pages it
    /// copied are then released (one resident copy, not two) unless <paramref name="keepMapped"/> (the embedding,
    /// whose rows are also looked up).
    /// </summary>
    private WeightMatrix Repacked(WeightMatrix matrix, long bytes, bool keepMapped)
    {
        if (repacker is null) return matrix;
        var repacked = repacker.Repack(matrix);
        if (repacked.Packed != null && !keepMapped && matrix.Rows % repacked.PackedGroupRows == 0) MappedPages.Release(matrix.Data, bytes);
        return repacked;
    }

    private static void CheckType(string name, GgmlType type, bool allowAnyType)
    {
        if (!(allowAnyType ? Dequantize.IsSupported(type) : MatMul.IsSupported(type)))
            throw new ModelFormatException($"tensor '{name}' has type {type}, which Gantry does not support (F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q4_K, Q5_K, Q6_K are)");
    }
}
