using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gantry.Engine.Constraints;

public sealed partial class JsonSchemaGrammar
{
    /// <summary>Compact JSON with only the escapes JSON requires (keys and enum values are written as the model should write them).</summary>
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] PrimitiveNames = ["space", "char", "string", "number", "integer", "boolean", "null", "value", "object", "array"];

    /// <summary>Bodies of the shared rules; <c>space</c> bounds whitespace so a model cannot pad forever.</summary>
    private static readonly Dictionary<string, (string Body, string[] Uses)> Primitives = new()
    {
        ["space"] = ("| \" \" | \"\\n\" [ \\t]{0,20}", []),
        // Any JSON string character: plain (no quote, backslash or control) or an escape; \u never names a lone surrogate.
        ["char"] = ("[^\"\\\\\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" ([0-9a-cA-CefEF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2}))", []),
        ["string"] = ("\"\\\"\" char* \"\\\"\" space", ["char", "space"]),
        ["number"] = ("\"-\"? (\"0\" | [1-9] [0-9]{0,15}) (\".\" [0-9]{1,16})? ([eE] [-+]? [0-9]{1,2})? space", ["space"]),
        ["integer"] = ("\"-\"? (\"0\" | [1-9] [0-9]{0,15}) space", ["space"]),
        ["boolean"] = ("(\"true\" | \"false\") space", ["space"]),
        ["null"] = ("\"null\" space", ["space"]),
        ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
        ["object"] = ("\"{\" space (string \":\" space value (\",\" space string \":\" space value)*)? \"}\" space", ["string", "value", "space"]),
        ["array"] = ("\"[\" space (value (\",\" space value)*)? \"]\" space", ["value", "space"]),
    };

    private readonly HashSet<string> _primitivesAdded = [];

    /// <summary>Names a shared rule, adding it (and the rules it uses) to the grammar the first time.</summary>
    private string Primitive(string name)
    {
        if (!_primitivesAdded.Add(name)) return name;
        var (body, uses) = Primitives[name];
        _rules.Add((name, body));
        foreach (var u in uses) Primitive(u);
        return name;
    }

    /// <summary>A string: by <c>format</c>, by <c>pattern</c>, or any characters within <c>minLength</c>/<c>maxLength</c>.</summary>
    private string StringRule(JsonElement schema, string path, string hint)
    {
        var min = Count(schema, "minLength", path);
        var max = Count(schema, "maxLength", path);
        if (max < min) throw new SchemaException("'maxLength' is below 'minLength'", $"{path}/maxLength");
        var hasFormat = schema.TryGetProperty("format", out var format);
        var hasPattern = schema.TryGetProperty("pattern", out var pattern);
        if ((hasFormat || hasPattern) && (min is not null || max is not null))
            throw new UnsupportedSchemaFeatureException($"{(hasPattern ? "pattern" : "format")} with minLength/maxLength", $"{path}/{(min is not null ? "minLength" : "maxLength")}");
        if (hasFormat && hasPattern) throw new UnsupportedSchemaFeatureException("format with pattern", $"{path}/pattern");
        Primitive("space");
        if (hasFormat)
        {
            var name = format.ValueKind == JsonValueKind.String ? format.GetString()! : throw new SchemaException("'format' must be a string", $"{path}/format");
            return Rule(hint, $"\"\\\"\" {Format(name, $"{path}/format", hint)} \"\\\"\" space");
        }
        if (hasPattern)
        {
            var text = pattern.ValueKind == JsonValueKind.String ? pattern.GetString()! : throw new SchemaException("'pattern' must be a string", $"{path}/pattern");
            string expression;
            bool anchoredStart, anchoredEnd;
            try
            {
                expression = RegexToGbnf.Convert(text, jsonString: true, out anchoredStart, out anchoredEnd);
            }
            catch (RegexSyntaxException e)
            {
                throw new SchemaException(e.Message, $"{path}/pattern");
            }
            // JSON Schema patterns match anywhere in the string unless anchored.
            var chars = Primitive("char");
            return Rule(hint, $"\"\\\"\" {(anchoredStart ? "" : chars + "* ")}({expression}){(anchoredEnd ? "" : " " + chars + "*")} \"\\\"\" space");
        }
        Primitive("char");
        if (min is null && max is null) return Primitive("string");
        return Rule(hint, $"\"\\\"\" char{Repeat(min ?? 0, max)} \"\\\"\" space");
    }

    private string Format(string format, string path, string hint)
    {
        const string Hex = "[0-9a-fA-F]";
        // Days per month without leap years (February stops at 28), so every date written is a real date.
        const string Date = "[0-9]{4} \"-\" ((\"01\" | \"03\" | \"05\" | \"07\" | \"08\" | \"10\" | \"12\") \"-\" (\"0\" [1-9] | [12] [0-9] | \"3\" [01])"
            + " | (\"04\" | \"06\" | \"09\" | \"11\") \"-\" (\"0\" [1-9] | [12] [0-9] | \"30\") | \"02\" \"-\" (\"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8]))";
        const string Time = "([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9] \":\" [0-5] [0-9] (\".\" [0-9]{1,6})? (\"Z\" | [+-] ([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9])";
        return format switch
        {
            "date" => Rule($"{hint}-date", Date),
            "time" => Rule($"{hint}-time", Time),
            "date-time" => Rule($"{hint}-date-time", $"{Date} \"T\" {Time}"),
            "uuid" => Rule($"{hint}-uuid", $"{Hex}{{8}} \"-\" {Hex}{{4}} \"-\" {Hex}{{4}} \"-\" {Hex}{{4}} \"-\" {Hex}{{12}}"),
            "email" => Rule($"{hint}-email", "[a-zA-Z0-9_+-] ([a-zA-Z0-9._+-]{0,62} [a-zA-Z0-9_+-])? \"@\" [a-zA-Z0-9] [a-zA-Z0-9-]{0,30} (\".\" [a-zA-Z0-9] [a-zA-Z0-9-]{0,30}){0,3} \".\" [a-zA-Z]{2,8}"),
            _ => throw new UnsupportedSchemaFeatureException($"format: {format}", path, "supported formats are date, time, date-time, uuid and email"),
        };
    }

    /// <summary>
    /// Numbers and integers with optional bounds. Integer bounds are exact (digit ranges). Number bounds must be
    /// integers: a number is then an integer in range, or n.fraction with the integer part chosen so any nonzero
    /// fraction stays inside the bounds; exponents are left out when bounded.
    /// </summary>
    private string NumberRule(JsonElement schema, string path, string hint, bool integer)
    {
        var (lo, loExclusive) = Bound(schema, path, "minimum", "exclusiveMinimum");
        var (hi, hiExclusive) = Bound(schema, path, "maximum", "exclusiveMaximum");
        if (lo is null && hi is null) return Primitive(integer ? "integer" : "number");
        Primitive("space");
        // Integer values allowed: [loI, hiI].
        long? loI = lo is null ? null : (long)(loExclusive ? Math.Floor(lo.Value) + 1 : Math.Ceiling(lo.Value));
        long? hiI = hi is null ? null : (long)(hiExclusive ? Math.Ceiling(hi.Value) - 1 : Math.Floor(hi.Value));
        var alternatives = new List<string>();
        if (IntegerRangeGbnf.Range(loI, hiI) is { } ints) alternatives.Add(ints);
        if (!integer)
        {
            foreach (var (value, keyword) in new[] { (lo, loExclusive ? "exclusiveMinimum" : "minimum"), (hi, hiExclusive ? "exclusiveMaximum" : "maximum") })
                if (value is not null && value != Math.Floor(value.Value))
                    throw new UnsupportedSchemaFeatureException(keyword, $"{path}/{keyword}", "number bounds must be whole numbers (use a multiple of 1)");
            const string Fraction = "\".\" [0-9]{0,15} [1-9]";
            long? l = lo is null ? null : (long)lo.Value;
            long? h = hi is null ? null : (long)hi.Value;
            // v = n + f (0 < f < 1): l <= v <= h  <=>  n in [max(l, 0), h - 1].
            if (IntegerRangeGbnf.NonNegativeOrNull(Math.Max(l ?? 0, 0), h - 1) is { } positive) alternatives.Add($"{positive} {Fraction}");
            // v = -(n + f): l <= v <= h  <=>  n in [max(0, -h), -l - 1].
            if (IntegerRangeGbnf.NonNegativeOrNull(h is null or > 0 ? 0 : -h.Value, -l - 1) is { } negative) alternatives.Add($"\"-\" {negative} {Fraction}");
        }
        if (alternatives.Count == 0) throw new SchemaException("the bounds admit no value", path);
        return Rule(hint, $"({string.Join(" | ", alternatives)}) space");
    }

    /// <summary>A lower or upper bound and whether it is exclusive (2020-12 numbers or draft-04 booleans).</summary>
    private static (double? Value, bool Exclusive) Bound(JsonElement schema, string path, string inclusive, string exclusive)
    {
        double? value = null;
        var isExclusive = false;
        if (schema.TryGetProperty(inclusive, out var v))
            value = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new SchemaException($"'{inclusive}' must be a number", $"{path}/{inclusive}");
        if (schema.TryGetProperty(exclusive, out var e))
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
                isExclusive = e.ValueKind == JsonValueKind.True && value is not null;
            else if (e.ValueKind == JsonValueKind.Number)
            {
                var x = e.GetDouble();
                var tighter = value is null || (inclusive == "minimum" ? x >= value : x <= value);
                if (tighter)
                {
                    value = x;
                    isExclusive = true;
                }
            }
            else
                throw new SchemaException($"'{exclusive}' must be a number", $"{path}/{exclusive}");
        }
        if (value is not null && Math.Abs(value.Value) > 1e15)
            throw new UnsupportedSchemaFeatureException(isExclusive ? exclusive : inclusive, $"{path}/{(isExclusive ? exclusive : inclusive)}", "bounds beyond ±10^15 are not supported");
        return (value, isExclusive);
    }
}
