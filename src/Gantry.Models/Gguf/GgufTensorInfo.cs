using Gantry.Tensors;

namespace Gantry.Models.Gguf;

/// <summary>
/// A tensor's directory entry. <see cref="Shape"/> is in GGUF order: <c>Shape[0]</c> is the innermost
/// (contiguous) dimension, so a weight matrix of <c>rows × cols</c> has <c>Shape = [cols, rows]</c>.
/// </summary>
public sealed record GgufTensorInfo(string Name, long[] Shape, GgmlType Type, long DataOffset, long ByteSize)
{
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>Elements per row (the innermost dimension).</summary>
    public long Columns => Shape.Length == 0 ? 1 : Shape[0];

    /// <summary>Rows when the tensor is viewed as a matrix: the product of all but the innermost dimension.</summary>
    public long Rows => Shape.Length == 0 ? 1 : ElementCount / Shape[0];

    public override string ToString() => $"{Name} {Type} [{string.Join(", ", Shape)}]";
}
