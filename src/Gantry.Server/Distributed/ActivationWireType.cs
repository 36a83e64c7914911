using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Gantry.Server.Distributed;

/// <summary>
/// How activations (hidden rows between stages, tensor shards' partial and all-reduced sums) cross the wire: raw
/// little-endian F32, or F16 at half the bytes. F16 keeps about three significant digits, so results move slightly
/// (log-probabilities in the second or third decimal; greedy tokens rarely); logits always travel as F32.
/// </summary>
public enum ActivationWireType
{
    F32 = 0,
    F16 = 1,
}

/// <summary>Contiguous conversion of activation rows to and from their wire bytes (vectorised; nothing per element on the heap).</summary>
public static class ActivationWire
{
    public static int ElementBytes(ActivationWireType type) => type == ActivationWireType.F16 ? 2 : 4;

    /// <summary>Writes <paramref name="values"/> into <paramref name="destination"/> (exactly ElementBytes × length bytes).</summary>
    public static void Write(ReadOnlySpan<float> values, Span<byte> destination, ActivationWireType type)
    {
        if (type == ActivationWireType.F16) TensorPrimitives.ConvertToHalf(values, MemoryMarshal.Cast<byte, Half>(destination));
        else MemoryMarshal.AsBytes(values).CopyTo(destination);
    }

    /// <summary>Reads <paramref name="destination"/>.Length values from <paramref name="source"/>.</summary>
    public static void Read(ReadOnlySpan<byte> source, Span<float> destination, ActivationWireType type)
    {
        if (type == ActivationWireType.F16) TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(source)[..destination.Length], destination);
        else MemoryMarshal.Cast<byte, float>(source)[..destination.Length].CopyTo(destination);
    }

    /// <summary>The flag's spelling (<c>--activation-dtype f32|f16</c>).</summary>
    public static ActivationWireType Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "f32" => ActivationWireType.F32,
        "f16" => ActivationWireType.F16,
        _ => throw new FormatException($"'{text}' is not an activation type (f32 or f16)"),
    };
}
