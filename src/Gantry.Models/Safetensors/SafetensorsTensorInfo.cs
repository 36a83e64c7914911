namespace Gantry.Models.Safetensors;

/// <summary>One tensor of a safetensors file: its row-major shape (outermost first) and where its bytes lie.</summary>
/// <param name="Offset">Absolute byte offset of the first element in the file.</param>
/// <param name="Length">Bytes: the element count times the element size.</param>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDtype Dtype, long[] Shape, long Offset, long Length)
{
    public long ElementCount => Length / SafetensorsDtypes.ElementSize(Dtype);

    /// <summary>The shape as <c>[16, 2048]</c>, for messages.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
