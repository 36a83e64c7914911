namespace Gantry.Models.Safetensors;

/// <summary>The element types of the safetensors format (the header's <c>dtype</c> strings).</summary>
public enum SafetensorsDtype
{
    Bool,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}

/// <summary>Parses and sizes <see cref="SafetensorsDtype"/>s.</summary>
public static class SafetensorsDtypes
{
    private static readonly string[] Names = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];
    private static readonly int[] Sizes = [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 8, 8, 8];

    public static bool TryParse(string text, out SafetensorsDtype dtype)
    {
        var i = Array.IndexOf(Names, text);
        dtype = (SafetensorsDtype)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>The header spelling, e.g. <c>BF16</c>.</summary>
    public static string Name(SafetensorsDtype dtype) => Names[(int)dtype];

    public static int ElementSize(SafetensorsDtype dtype) => Sizes[(int)dtype];
}
