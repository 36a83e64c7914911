namespace Gantry.Models.Gguf;

/// <summary>
/// One metadata value. Scalars are stored boxed as their CLR type (byte, sbyte, ushort, short, uint, int, float,
/// bool, string, ulong, long, double); arrays as a typed CLR array with <see cref="ElementType"/> set.
/// Metadata is read once at load time, so boxing here costs nothing that matters.
/// </summary>
public sealed record GgufValue(GgufValueType Type, object Value, GgufValueType ElementType = GgufValueType.UInt8)
{
    public bool IsArray => Type == GgufValueType.Array;

    public bool IsInteger => Type is GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.UInt16 or GgufValueType.Int16
        or GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.UInt64 or GgufValueType.Int64;

    public override string ToString() => Value switch
    {
        string s => s,
        Array a => $"[{ElementType} × {a.Length}]",
        _ => Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
