using System.Diagnostics.CodeAnalysis;

namespace Gantry.Models.Gguf;

/// <summary>
/// The key/value metadata of a GGUF file with typed access. A getter that finds the key missing or of the wrong
/// type throws <see cref="ModelFormatException"/> naming the key, so a bad file never surfaces as a cast error.
/// </summary>
public sealed class GgufMetadata
{
    private readonly Dictionary<string, GgufValue> _values;

    public GgufMetadata(IEnumerable<KeyValuePair<string, GgufValue>> values)
    {
        _values = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
        foreach (var (key, value) in values) _values[key] = value;
    }

    public IEnumerable<string> Keys => _values.Keys;

    public int Count => _values.Count;

    public bool Contains(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [NotNullWhen(true)] out GgufValue? value) => _values.TryGetValue(key, out value);

    public GgufValue this[string key] => _values.TryGetValue(key, out var v) ? v : throw Missing(key);

    public string GetString(string key) => this[key].Value as string ?? throw WrongType(key, "a string");

    public string? GetStringOrNull(string key) => TryGetValue(key, out var v) ? v.Value as string ?? throw WrongType(key, "a string") : null;

    public long GetInteger(string key) => TryGetInteger(key, out var n) ? n : Contains(key) ? throw WrongType(key, "an integer") : throw Missing(key);

    public long GetInteger(string key, long defaultValue) => Contains(key) ? GetInteger(key) : defaultValue;

    public bool TryGetInteger(string key, out long value)
    {
        value = 0;
        if (!TryGetValue(key, out var v) || !v.IsInteger) return false;
        if (v.Value is ulong u)
        {
            if (u > long.MaxValue) return false;
            value = (long)u;
            return true;
        }
        value = Convert.ToInt64(v.Value, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public float GetFloat(string key) => this[key].Value switch
    {
        float f => f,
        double d => (float)d,
        _ when TryGetInteger(key, out var n) => n,
        _ => throw WrongType(key, "a number"),
    };

    public float GetFloat(string key, float defaultValue) => Contains(key) ? GetFloat(key) : defaultValue;

    public bool GetBool(string key, bool defaultValue) =>
        !TryGetValue(key, out var v) ? defaultValue : v.Value as bool? ?? throw WrongType(key, "a bool");

    public string[] GetStringArray(string key) => this[key].Value as string[] ?? throw WrongType(key, "an array of strings");

    public float[] GetFloatArray(string key) => this[key].Value switch
    {
        float[] f => f,
        double[] d => Array.ConvertAll(d, x => (float)x),
        _ => throw WrongType(key, "an array of floats"),
    };

    /// <summary>An integer array of any integer element type, widened or narrowed to int (values must fit).</summary>
    public int[] GetInt32Array(string key)
    {
        var value = this[key];
        if (!value.IsArray) throw WrongType(key, "an array of integers");
        return value.Value switch
        {
            int[] i => i,
            uint[] u => Array.ConvertAll(u, x => x <= int.MaxValue ? (int)x : throw WrongType(key, "an array of int32-sized integers")),
            byte[] b => Array.ConvertAll(b, x => (int)x),
            sbyte[] s => Array.ConvertAll(s, x => (int)x),
            short[] s => Array.ConvertAll(s, x => (int)x),
            ushort[] s => Array.ConvertAll(s, x => (int)x),
            long[] l => Array.ConvertAll(l, x => x is >= int.MinValue and <= int.MaxValue ? (int)x : throw WrongType(key, "an array of int32-sized integers")),
            _ => throw WrongType(key, "an array of integers"),
        };
    }

    private static ModelFormatException Missing(string key) => new($"metadata key '{key}' is missing");

    private ModelFormatException WrongType(string key, string expected) =>
        new($"metadata key '{key}' should be {expected} but is {_values[key].Type}" + (_values[key].IsArray ? $" of {_values[key].ElementType}" : ""));
}
