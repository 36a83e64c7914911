using System.Text.Json.Nodes;

namespace Gantry.Engine.Constraints;

/// <summary>
/// The JSON schema of a reply that must call tools (<c>tool_choice</c> <c>required</c> or a named function): an object
/// <c>{"name": …, "arguments": {…}}</c> whose arguments follow that function's parameter schema, or, when parallel
/// calls are allowed, a non-empty array of such objects. Compiled like any schema, so the arguments always parse.
/// </summary>
public static class ToolCallSchema
{
    /// <param name="tools">Each function's name and parameter schema (null: any object).</param>
    /// <param name="parallel">Whether several calls may be made in one reply.</param>
    public static JsonObject Build(IReadOnlyList<(string Name, JsonNode? Parameters)> tools, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0) throw new SchemaException("at least one tool is needed", "#");
        var calls = new JsonArray();
        var defs = new JsonObject();
        for (var i = 0; i < tools.Count; i++)
        {
            var (name, original) = tools[i];
            var parameters = original is null ? null : Hoist(original.DeepClone(), $"t{i}_", defs);
            calls.Add(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["const"] = name },
                    ["arguments"] = parameters ?? new JsonObject { ["type"] = "object" },
                },
                ["required"] = new JsonArray("name", "arguments"),
                ["additionalProperties"] = false,
            });
        }
        JsonObject call = calls.Count == 1 ? (JsonObject)calls[0]!.DeepClone() : new JsonObject { ["anyOf"] = calls };
        var root = parallel ? new JsonObject { ["type"] = "array", ["items"] = call, ["minItems"] = 1 } : call;
        if (defs.Count > 0) root["$defs"] = defs;
        return root;
    }

    /// <summary>
    /// Moves a parameter schema's own definitions to the combined schema's root under a per-tool prefix and rewrites
    /// its references to match (they were written relative to the parameter schema as a document of its own).
    /// </summary>
    private static JsonNode Hoist(JsonNode parameters, string prefix, JsonObject defs)
    {
        if (parameters is not JsonObject obj) return parameters;
        defs[prefix + "root"] = null;
        foreach (var key in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (obj[key] is not JsonObject own) continue;
            obj.Remove(key);
            foreach (var (name, def) in own.ToList())
            {
                own.Remove(name);
                defs[prefix + name] = Rewrite(def, prefix);
            }
        }
        var rewritten = Rewrite(obj, prefix)!;
        defs[prefix + "root"] = rewritten.DeepClone();
        return rewritten;
    }

    private static JsonNode? Rewrite(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var target))
                    {
                        o[key] = target == "#" ? $"#/$defs/{prefix}root"
                            : target.StartsWith("#/$defs/", StringComparison.Ordinal) ? $"#/$defs/{prefix}{target[8..]}"
                            : target.StartsWith("#/definitions/", StringComparison.Ordinal) ? $"#/$defs/{prefix}{target[14..]}"
                            : target;
                    }
                    else
                    {
                        o.Remove(key);
                        o[key] = Rewrite(value, prefix);
                    }
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var item = a[i];
                    a[i] = null;
                    a[i] = Rewrite(item, prefix);
                }
                return a;
            default:
                return node;
        }
    }
}
