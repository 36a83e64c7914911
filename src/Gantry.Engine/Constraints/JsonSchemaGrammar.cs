using System.Text;
using System.Text.Json;

namespace Gantry.Engine.Constraints;

/// <summary>
/// Compiles a JSON Schema (draft 2020-12 and the draft-07 spellings OpenAI and pydantic emit) to GBNF whose texts
/// are JSON values that validate against it. Supported: <c>type</c> (one or several), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>prefixItems</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>enum</c>, <c>const</c>, <c>anyOf</c>/<c>oneOf</c> (as alternatives), single-entry <c>allOf</c>, local
/// <c>$ref</c> (<c>#</c>, <c>#/$defs/…</c>, any JSON pointer into the document, recursion included), integer
/// bounds, number bounds that are integers, <c>minLength</c>/<c>maxLength</c>, <c>pattern</c> and the formats
/// date, time, date-time, uuid and email. Anything else that constrains values is refused with
/// <see cref="UnsupportedSchemaFeatureException"/> naming the keyword and its path.
/// </summary>
/// <remarks>
/// Layout follows llama.cpp's converter: every value rule ends with optional bounded whitespace (one space, or a
/// newline and at most 20 indent characters), so the model may format its JSON but never pad it forever. Object
/// properties come in the schema's order, required ones always, optional ones each at most once.
/// </remarks>
public sealed partial class JsonSchemaGrammar
{
    private static readonly HashSet<string> Unsupported =
    [
        "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "dependencies", "patternProperties",
        "propertyNames", "minProperties", "maxProperties", "uniqueItems", "contains", "minContains", "maxContains",
        "multipleOf", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef",
    ];

    private static readonly string[] Applied =
    [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "additionalItems", "minItems",
        "maxItems", "enum", "const", "anyOf", "oneOf", "allOf", "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "$ref",
    ];

    private readonly JsonElement _document;
    private readonly List<(string Name, string Body)> _rules = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);

    private JsonSchemaGrammar(JsonElement document) => _document = document;

    /// <summary>GBNF (start rule <c>root</c>) for values of <paramref name="schema"/>.</summary>
    public static string ToGbnf(JsonElement schema)
    {
        var converter = new JsonSchemaGrammar(schema);
        converter._names.UnionWith(PrimitiveNames);
        converter._names.Add("root");
        var root = converter.Visit(schema, "#", "root");
        converter._rules.Insert(0, ("root", root));
        return converter.Render();
    }

    /// <summary>Parses <paramref name="schemaJson"/> and compiles it; malformed JSON is a <see cref="SchemaException"/>.</summary>
    public static string ToGbnf(string schemaJson)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(schemaJson);
        }
        catch (JsonException e)
        {
            throw new SchemaException($"not valid JSON ({e.Message})", "#");
        }
        using (doc) return ToGbnf(doc.RootElement.Clone());
    }

    /// <summary>GBNF for any JSON object (OpenAI's <c>json_object</c> response format).</summary>
    public static string AnyObjectGbnf()
    {
        var converter = new JsonSchemaGrammar(default);
        converter._rules.Add(("root", converter.Primitive("object")));
        return converter.Render();
    }

    private string Render()
    {
        var sb = new StringBuilder();
        foreach (var (name, body) in _rules) sb.Append(name).Append(" ::= ").Append(body).Append('\n');
        return sb.ToString();
    }

    /// <summary>A GBNF expression for values of <paramref name="schema"/> (ending in optional whitespace).</summary>
    private string Visit(JsonElement schema, string path, string hint)
    {
        if (schema.ValueKind == JsonValueKind.True) return Primitive("value");
        if (schema.ValueKind == JsonValueKind.False) throw new SchemaException("the schema 'false' matches no value", path);
        if (schema.ValueKind != JsonValueKind.Object) throw new SchemaException("a schema must be an object or a boolean", path);
        foreach (var p in schema.EnumerateObject())
            if (Unsupported.Contains(p.Name)) throw new UnsupportedSchemaFeatureException(p.Name, $"{path}/{p.Name}");

        if (schema.TryGetProperty("$ref", out var reference))
        {
            RequireAlone(schema, "$ref", path);
            return Ref(reference, $"{path}/$ref");
        }
        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(combinator, out var options)) continue;
            RequireAlone(schema, combinator, path);
            if (options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0)
                throw new SchemaException($"'{combinator}' must be a non-empty array", $"{path}/{combinator}");
            var alternatives = options.EnumerateArray().Select((o, i) => Visit(o, $"{path}/{combinator}/{i}", $"{hint}-{i}"));
            return Rule(hint, string.Join(" | ", alternatives));
        }
        if (schema.TryGetProperty("allOf", out var all))
        {
            if (all.ValueKind != JsonValueKind.Array || all.GetArrayLength() != 1)
                throw new UnsupportedSchemaFeatureException("allOf", $"{path}/allOf", "only a single subschema is supported");
            RequireAlone(schema, "allOf", path);
            return Visit(all[0], $"{path}/allOf/0", hint);
        }
        if (schema.TryGetProperty("const", out var constant))
            return Literals([constant], schema, path, "const");
        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                throw new SchemaException("'enum' must be a non-empty array", $"{path}/enum");
            return Literals([.. values.EnumerateArray()], schema, path, "enum");
        }

        var types = Types(schema, path);
        var forms = types.Select(t => t switch
        {
            "object" => ObjectRule(schema, path, hint),
            "array" => ArrayRule(schema, path, hint),
            "string" => StringRule(schema, path, hint),
            "number" => NumberRule(schema, path, hint, integer: false),
            "integer" => NumberRule(schema, path, hint, integer: true),
            "boolean" => Primitive("boolean"),
            "null" => Primitive("null"),
            _ => Primitive("value"),
        }).ToList();
        return forms.Count == 1 ? forms[0] : Rule(hint, string.Join(" | ", forms));
    }

    /// <summary>The schema's types: given, or inferred from the keywords present, or "any".</summary>
    private static List<string> Types(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToList() : [type];
            var result = new List<string>();
            foreach (var n in names)
            {
                var name = n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                if (name is not ("object" or "array" or "string" or "number" or "integer" or "boolean" or "null"))
                    throw new SchemaException($"unknown type {n.GetRawText()}", $"{path}/type");
                if (!result.Contains(name)) result.Add(name);
            }
            if (result.Count == 0) throw new SchemaException("'type' lists no type", $"{path}/type");
            return result;
        }
        bool Has(params string[] keys) => keys.Any(k => schema.TryGetProperty(k, out _));
        if (Has("properties", "required", "additionalProperties")) return ["object"];
        if (Has("items", "prefixItems", "minItems", "maxItems", "additionalItems")) return ["array"];
        if (Has("minLength", "maxLength", "pattern", "format")) return ["string"];
        if (Has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) return ["number"];
        return ["any"];
    }

    /// <summary>Refuses value keywords beside one that replaces them (a $ref or a combinator), instead of ignoring them.</summary>
    private static void RequireAlone(JsonElement schema, string keyword, string path)
    {
        foreach (var other in Applied)
            if (other != keyword && schema.TryGetProperty(other, out _))
                throw new UnsupportedSchemaFeatureException($"{keyword} alongside {other}", $"{path}/{other}");
    }

    /// <summary>An alternation of exact JSON values (for enum and const), checked against a sibling 'type'.</summary>
    private string Literals(List<JsonElement> values, JsonElement schema, string path, string keyword)
    {
        foreach (var other in Applied)
            if (other is not ("type" or "enum" or "const") && schema.TryGetProperty(other, out _))
                throw new UnsupportedSchemaFeatureException($"{keyword} alongside {other}", $"{path}/{other}");
        var types = schema.TryGetProperty("type", out _) ? Types(schema, path) : null;
        var literals = values
            .Where(v => types is null || types.Any(t => KindMatches(v, t)))
            .Select(v => GbnfText.Literal(JsonSerializer.Serialize(v, Compact)))
            .Distinct()
            .ToList();
        if (literals.Count == 0) throw new SchemaException($"no '{keyword}' value has the schema's type", $"{path}/{keyword}");
        Primitive("space");
        return (literals.Count == 1 ? literals[0] : "(" + string.Join(" | ", literals) + ")") + " space";
    }

    private static bool KindMatches(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && decimal.TryParse(v.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    /// <summary>A rule for a local reference, made once; recursion refers back to the rule by name.</summary>
    private string Ref(JsonElement reference, string path)
    {
        var target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : throw new SchemaException("'$ref' must be a string", path);
        if (_refRules.TryGetValue(target, out var existing)) return existing;
        if (!target.StartsWith('#')) throw new UnsupportedSchemaFeatureException("$ref", path, $"only references within the schema (#...) are supported, not '{target}'");
        var node = _document;
        foreach (var raw in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(key, out var child)) node = child;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(key, out var i) && i >= 0 && i < node.GetArrayLength()) node = node[i];
            else throw new SchemaException($"'$ref' target '{target}' does not exist", path);
        }
        var name = Unique("ref-" + Sanitize(target[1..].Split('/').LastOrDefault() ?? "root"));
        _refRules[target] = name;
        var index = _rules.Count;
        _rules.Add((name, ""));
        _rules[index] = (name, Visit(node, target.Length == 1 ? "#" : target, name));
        return name;
    }

    /// <summary>Adds a named rule and returns its name (used where an expression would otherwise repeat or nest deeply).</summary>
    private string Rule(string hint, string body)
    {
        var name = Unique(hint);
        _rules.Add((name, body));
        return name;
    }

    private string Unique(string hint)
    {
        var baseName = Sanitize(hint);
        var name = baseName;
        for (var i = 2; !_names.Add(name); i++) name = $"{baseName}-{i}";
        return name;
    }

    private static string Sanitize(string hint)
    {
        var sb = new StringBuilder();
        foreach (var c in hint) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var s = sb.ToString().Trim('-');
        return s.Length == 0 ? "r" : s.Length > 60 ? s[..60] : s;
    }
}
