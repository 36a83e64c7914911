using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Looks tensors up by name and checks shape and type, each failure a <see cref="ModelFormatException"/> naming the
/// tensor. With a <see cref="WeightRepacker"/>, matrices it can repack come back with their repacked copy.
/// </summary>
internal sealed unsafe class TensorBinder(GgufFile file, WeightRepacker? repacker = null)
{
    public bool Has(string name) => file.FindTensor(name) is not null;

    /// <summary>A 2-D tensor of GGUF shape [cols, rows] (a 1-D tensor of <paramref name="cols"/> when rows is 1).</summary>
    public WeightMatrix Matrix(string name, int rows, int cols, bool allowAnyType = false)
    {
        var t = file.GetTensor(name);
        var shapeOk = t.Shape.Length == 2 ? t.Shape[0] == cols && t.Shape[1] == rows : t.Shape.Length == 1 && rows == 1 && t.Shape[0] == cols;
        if (!shapeOk) throw new ModelFormatException($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{cols}, {rows}]");
        CheckType(name, t.Type, allowAnyType);
        return Repacked(new WeightMatrix(file.TensorPointer(t), t.Type, rows, cols), t, keepMapped: allowAnyType);
    }

    /// <summary>A 3-D tensor of GGUF shape [cols, rows, count] (stacked experts), as <paramref name="count"/> matrix views.</summary>
    public WeightMatrix[] Stacked(string name, int count, int rows, int cols)
    {
        var t = file.GetTensor(name);
        if (t.Shape.Length != 3 || t.Shape[0] != cols || t.Shape[1] != rows || t.Shape[2] != count)
            throw new ModelFormatException($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{cols}, {rows}, {count}]");
        CheckType(name, t.Type, allowAnyType: false);
        var all = Repacked(new WeightMatrix(file.TensorPointer(t), t.Type, rows * count, cols), t, keepMapped: false);
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

    /// <summary>
    /// The matrix with its repacked copy where the repacker makes one; the mapped pages it copied are then released
    /// (one resident copy, not two) unless <paramref name="keepMapped"/> (the embedding, whose rows are also looked up).
    /// </summary>
    private WeightMatrix Repacked(WeightMatrix matrix, GgufTensorInfo tensor, bool keepMapped)
    {
        if (repacker is null) return matrix;
        var repacked = repacker.Repack(matrix);
        if (repacked.Packed != null && !keepMapped && matrix.Rows % 8 == 0) MappedPages.Release(matrix.Data, tensor.ByteSize);
        return repacked;
    }

    private static void CheckType(string name, GgmlType type, bool allowAnyType)
    {
        if (!(allowAnyType ? Dequantize.IsSupported(type) : MatMul.IsSupported(type)))
            throw new ModelFormatException($"tensor '{name}' has type {type}, which Gantry does not support (F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q4_K, Q5_K, Q6_K are)");
    }
}
