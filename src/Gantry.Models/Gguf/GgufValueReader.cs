namespace Gantry.Models.Gguf;

/// <summary>Reads one typed metadata value (scalar, string or array) from the header.</summary>
internal static class GgufValueReader
{
    public static GgufValue Read(ref GgufCursor cursor, string key)
    {
        var at = cursor.Position;
        var type = (GgufValueType)cursor.ReadUInt32($"metadata '{key}' type");
        if (type == GgufValueType.Array)
        {
            var elementAt = cursor.Position;
            var elementType = (GgufValueType)cursor.ReadUInt32($"metadata '{key}' array element type");
            if (elementType == GgufValueType.Array)
                throw ModelFormatException.At($"metadata '{key}'", elementAt, "nested arrays are not supported");
            var count = cursor.ReadCount($"metadata '{key}' array length", MinSize(elementType, key, elementAt));
            return new GgufValue(GgufValueType.Array, ReadArray(ref cursor, key, elementType, (int)Math.Min(count, int.MaxValue), count), elementType);
        }
        MinSize(type, key, at);
        return new GgufValue(type, ReadScalar(ref cursor, key, type));
    }

    private static int MinSize(GgufValueType type, string key, long at) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        _ => throw ModelFormatException.At($"metadata '{key}' type", at, $"unknown value type {(uint)type}"),
    };

    private static object ReadScalar(ref GgufCursor c, string key, GgufValueType type)
    {
        var field = $"metadata '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => c.ReadByte(field),
            GgufValueType.Int8 => (sbyte)c.ReadByte(field),
            GgufValueType.UInt16 => (ushort)(c.ReadByte(field) | c.ReadByte(field) << 8),
            GgufValueType.Int16 => (short)(c.ReadByte(field) | c.ReadByte(field) << 8),
            GgufValueType.UInt32 => c.ReadUInt32(field),
            GgufValueType.Int32 => (int)c.ReadUInt32(field),
            GgufValueType.Float32 => BitConverter.UInt32BitsToSingle(c.ReadUInt32(field)),
            GgufValueType.Bool => c.ReadByte(field) != 0,
            GgufValueType.String => c.ReadString(field),
            GgufValueType.UInt64 => c.ReadUInt64(field),
            GgufValueType.Int64 => (long)c.ReadUInt64(field),
            GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(c.ReadUInt64(field)),
            _ => throw new ModelFormatException($"{field}: unknown value type {(uint)type}"),
        };
    }

    private static Array ReadArray(ref GgufCursor c, string key, GgufValueType type, int count, long declared)
    {
        if (declared > int.MaxValue) throw new ModelFormatException($"metadata '{key}': array of {declared} elements is too large");
        switch (type)
        {
            case GgufValueType.String:
            {
                var a = new string[count];
                for (var i = 0; i < count; i++) a[i] = c.ReadString($"metadata '{key}'[{i}]");
                return a;
            }
            case GgufValueType.Float32: return Fill<float>(ref c, key, type, count);
            case GgufValueType.Float64: return Fill<double>(ref c, key, type, count);
            case GgufValueType.Int32: return Fill<int>(ref c, key, type, count);
            case GgufValueType.UInt32: return Fill<uint>(ref c, key, type, count);
            case GgufValueType.Int64: return Fill<long>(ref c, key, type, count);
            case GgufValueType.UInt64: return Fill<ulong>(ref c, key, type, count);
            case GgufValueType.Int16: return Fill<short>(ref c, key, type, count);
            case GgufValueType.UInt16: return Fill<ushort>(ref c, key, type, count);
            case GgufValueType.Int8: return Fill<sbyte>(ref c, key, type, count);
            case GgufValueType.UInt8: return Fill<byte>(ref c, key, type, count);
            case GgufValueType.Bool: return Fill<bool>(ref c, key, type, count);
            default: throw new ModelFormatException($"metadata '{key}': unknown array element type {(uint)type}");
        }
    }

    private static T[] Fill<T>(ref GgufCursor c, string key, GgufValueType type, int count) where T : unmanaged
    {
        var a = new T[count];
        for (var i = 0; i < count; i++) a[i] = (T)ReadScalar(ref c, key, type);
        return a;
    }
}
