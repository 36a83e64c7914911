using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// JSON template variables to runtime values, as Python's <c>json.loads</c> makes them: objects to insertion-ordered
/// dicts, arrays to lists, integers (no '.', no exponent) to int, other numbers to float. Nothing else gets in, so a
/// template sees only plain data: no CLR object, method or type is reachable from it.
/// </summary>
internal static class JsonValues
{
    public static object? ToValue(JsonNode? node, int depth = 0)
    {
        if (depth > 128) throw new ChatTemplateException("template variables nested more than 128 levels deep");
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var dict = Values.NewDict();
                foreach (var (key, child) in o) dict[key] = ToValue(child, depth + 1);
                return dict;
            case JsonArray a:
                var list = new List<object?>(a.Count);
                foreach (var child in a) list.Add(ToValue(child, depth + 1));
                return list;
            default:
                return Scalar(node.AsValue());
        }
    }

    private static object? Scalar(JsonValue v)
    {
        if (v.TryGetValue(out JsonElement e)) return Element(e);
        if (v.TryGetValue(out string? s)) return s;
        if (v.TryGetValue(out bool b)) return b;
        if (v.TryGetValue(out long l)) return l;
        if (v.TryGetValue(out int i)) return (long)i;
        if (v.TryGetValue(out double d)) return d;
        // Anything else built in code (decimal, float, ...): through its JSON text, as Python would read it.
        return Element(JsonElement.Parse(v.ToJsonString())); // no reflection-based serializer: NativeAOT-safe
    }

    public static object? Element(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => Number(e.GetRawText()),
        _ => ToValue(JsonNode.Parse(e.GetRawText())),
    };

    private static object Number(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
            return n;
        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
