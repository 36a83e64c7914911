using System.Text.Json;

namespace Gantry.Engine.Constraints;

public sealed partial class JsonSchemaGrammar
{
    /// <summary>
    /// An object: required properties in schema order, then each optional one at most once (in order), then extra
    /// properties when <c>additionalProperties</c> allows them (their keys never equal a declared name).
    /// </summary>
    private string ObjectRule(JsonElement schema, string path, string hint)
    {
        var declared = new List<(string Name, string Pair)>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object) throw new SchemaException("'properties' must be an object", $"{path}/properties");
            foreach (var p in properties.EnumerateObject())
            {
                var value = Visit(p.Value, $"{path}/properties/{Escape(p.Name)}", $"{hint}-{p.Name}");
                declared.Add((p.Name, $"{GbnfText.Literal(JsonSerializer.Serialize(p.Name, Compact))} space \":\" space {value}"));
            }
        }
        var requiredNames = new List<string>();
        if (schema.TryGetProperty("required", out var required))
        {
            if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                throw new SchemaException("'required' must be an array of strings", $"{path}/required");
            requiredNames.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Distinct());
        }
        // A required name without a declared schema takes any value.
        foreach (var name in requiredNames.Where(n => declared.All(d => d.Name != n)))
            declared.Add((name, $"{GbnfText.Literal(JsonSerializer.Serialize(name, Compact))} space \":\" space {Primitive("value")}"));

        string? extra = null;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        if (additional.ValueKind != JsonValueKind.False)
        {
            var value = additional.ValueKind is JsonValueKind.Undefined or JsonValueKind.True
                ? Primitive("value")
                : Visit(additional, $"{path}/additionalProperties", $"{hint}-additional");
            var key = declared.Count == 0 ? Primitive("string") : KeyNotIn(declared.Select(d => d.Name), hint);
            extra = Rule($"{hint}-extra-kv", $"{key} \":\" space {value}");
        }

        var requiredPairs = declared.Where(d => requiredNames.Contains(d.Name)).Select(d => Rule($"{hint}-{d.Name}-kv", d.Pair)).ToList();
        var optionalPairs = declared.Where(d => !requiredNames.Contains(d.Name)).Select(d => Rule($"{hint}-{d.Name}-kv", d.Pair)).ToList();
        var extraTail = extra is null ? "" : $" (\",\" space {extra})*";
        string body;
        if (requiredPairs.Count > 0)
        {
            body = string.Join(" \",\" space ", requiredPairs)
                + string.Concat(optionalPairs.Select(o => $" (\",\" space {o})?"))
                + extraTail;
        }
        else
        {
            // The first property present may be any optional one (or an extra); the rest follow in order.
            var starts = new List<string>();
            var after = extraTail.Length == 0 ? "" : Rule($"{hint}-after-{optionalPairs.Count}", extraTail.Trim());
            for (var i = optionalPairs.Count - 1; i >= 0; i--)
            {
                starts.Insert(0, $"{optionalPairs[i]} {after}".TrimEnd());
                if (i > 0) after = Rule($"{hint}-after-{i}", $"(\",\" space {optionalPairs[i]})? {after}".TrimEnd());
            }
            if (extra is not null) starts.Add($"{extra}{extraTail}");
            body = starts.Count == 0 ? "" : $"({string.Join(" | ", starts)})?";
        }
        return Rule(hint, $"\"{{\" space {body} \"}}\" space".Replace("  ", " "));
    }

    /// <summary>A JSON string key whose text is none of <paramref name="names"/> (so an extra property never repeats a declared one).</summary>
    private string KeyNotIn(IEnumerable<string> names, string hint)
    {
        // Trie over the names' JSON-escaped text. At each node the key either closes (if the node ends no name),
        // follows a trie edge, or diverges with any other plain character and continues freely.
        var words = names.Select(n => JsonSerializer.Serialize(n, Compact)[1..^1]).Distinct().ToList();
        var rule = Unique($"{hint}-extra-key");
        var bodies = new List<(string, string)>();
        string Node(string prefix, string ruleName)
        {
            var next = words.Where(w => w.Length > prefix.Length && w.StartsWith(prefix, StringComparison.Ordinal))
                .Select(w => char.ConvertToUtf32(w, prefix.Length)).Distinct().ToList();
            var alternatives = new List<string>();
            if (!words.Contains(prefix)) alternatives.Add("\"\\\"\" space");
            var divergent = CodePointSet.All.Except(RegexToGbnf.JsonEscaped).Except(CodePointSet.FromRanges(next.Select(c => (c, c))));
            alternatives.Add($"{GbnfText.Class(divergent)} char* \"\\\"\" space");
            foreach (var c in next)
            {
                var child = Unique($"{rule}-n");
                var text = char.ConvertFromUtf32(c);
                alternatives.Add($"{GbnfText.Literal(text)} {child}");
                bodies.Add((child, Node(prefix + text, child)));
            }
            return string.Join(" | ", alternatives);
        }
        Primitive("char");
        var root = Node("", rule);
        _rules.Add((rule, "\"\\\"\" " + Group(root)));
        _rules.AddRange(bodies);
        return rule;
    }

    /// <summary>An array: <c>prefixItems</c> (or a draft-07 <c>items</c> list) in order, then <c>items</c> within the item bounds.</summary>
    private string ArrayRule(JsonElement schema, string path, string hint)
    {
        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path);
        if (max < min) throw new SchemaException("'maxItems' is below 'minItems'", $"{path}/maxItems");
        var prefix = new List<string>();
        JsonElement items = default;
        var itemsPath = $"{path}/items";
        if (schema.TryGetProperty("prefixItems", out var prefixItems) || schema.TryGetProperty("items", out prefixItems) && prefixItems.ValueKind == JsonValueKind.Array)
        {
            var key = schema.TryGetProperty("prefixItems", out _) ? "prefixItems" : "items";
            if (prefixItems.ValueKind != JsonValueKind.Array) throw new SchemaException($"'{key}' must be an array", $"{path}/{key}");
            var i = 0;
            foreach (var p in prefixItems.EnumerateArray())
            {
                if (max is not null && i >= max) break;
                prefix.Add(Visit(p, $"{path}/{key}/{i}", $"{hint}-{i}"));
                i++;
            }
            var restKey = key == "prefixItems" ? "items" : "additionalItems";
            if (schema.TryGetProperty(restKey, out items)) itemsPath = $"{path}/{restKey}";
        }
        else if (schema.TryGetProperty("items", out items))
        {
        }
        string? item = items.ValueKind switch
        {
            JsonValueKind.False => null,
            JsonValueKind.Undefined or JsonValueKind.True => Primitive("value"),
            _ => Visit(items, itemsPath, $"{hint}-item"),
        };
        var restMin = Math.Max(0, min - prefix.Count);
        var restMax = max - prefix.Count;
        if (item is null && restMin > 0) throw new SchemaException("'minItems' needs more items than the schema allows", $"{path}/minItems");
        string body;
        if (prefix.Count > 0)
        {
            body = string.Join(" \",\" space ", prefix);
            if (item is not null && restMax != 0) body += $" (\",\" space {item}){Repeat(restMin, restMax)}";
        }
        else if (item is null || max == 0)
            body = "";
        else if (min == 0)
            body = $"({item} (\",\" space {item}){Repeat(0, max - 1)})?";
        else
            body = $"{item} (\",\" space {item}){Repeat(min - 1, max - 1)}";
        return Rule(hint, $"\"[\" space {body} \"]\" space".Replace("  ", " "));
    }

    private static string Repeat(int min, int? max) => max is null ? (min == 0 ? "*" : $"{{{min},}}") : $"{{{min},{max}}}";

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n) || n < 0)
            throw new SchemaException($"'{keyword}' must be a non-negative integer", $"{path}/{keyword}");
        if (n > GrammarLowering.MaxRepetition) throw new UnsupportedSchemaFeatureException(keyword, $"{path}/{keyword}", $"at most {GrammarLowering.MaxRepetition}");
        return n;
    }

    private static string Group(string alternatives) => alternatives.Contains(" | ") ? $"({alternatives})" : alternatives;

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
