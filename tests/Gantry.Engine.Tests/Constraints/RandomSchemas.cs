using System.Text.Json.Nodes;

namespace Gantry.Engine.Tests.Constraints;

/// <summary>Seeded random JSON schemas over the supported keywords, nested a few levels deep.</summary>
internal static class RandomSchemas
{
    public static JsonObject Next(Random rng)
    {
        var defs = new JsonObject();
        var schema = Node(rng, 0, defs);
        if (defs.Count > 0)
        {
            // Keep the root as generated; definitions hang beside it.
            schema = schema.Count == 1 && schema.ContainsKey("$ref") ? new JsonObject { ["allOf"] = new JsonArray(schema) } : schema;
            schema["$defs"] = defs;
        }
        return schema;
    }

    private static JsonObject Node(Random rng, int depth, JsonObject defs)
    {
        var kind = depth >= 3 ? rng.Next(6) : rng.Next(12);
        return kind switch
        {
            0 => String(rng),
            1 => new JsonObject { ["type"] = "integer", ["minimum"] = rng.Next(-50, 10), ["maximum"] = rng.Next(10, 5000) },
            2 => Number(rng),
            3 => new JsonObject { ["type"] = rng.Next(2) == 0 ? "boolean" : "null" },
            4 => new JsonObject { ["enum"] = new JsonArray("red", 42, null, new JsonObject { ["k"] = new JsonArray(1, "two") }) },
            5 => new JsonObject { ["type"] = new JsonArray("string", "null"), ["maxLength"] = rng.Next(0, 8) },
            6 or 7 => Object(rng, depth, defs),
            8 => Array(rng, depth, defs),
            9 => new JsonObject { ["anyOf"] = new JsonArray(Node(rng, depth + 1, defs), Node(rng, depth + 1, defs)) },
            10 => Ref(rng, depth, defs),
            _ => new JsonObject { ["const"] = rng.Next(2) == 0 ? "fixed" : JsonValue.Create(7) },
        };
    }

    private static JsonObject String(Random rng) => rng.Next(6) switch
    {
        0 => new JsonObject { ["type"] = "string" },
        1 => new JsonObject { ["type"] = "string", ["minLength"] = rng.Next(0, 3), ["maxLength"] = rng.Next(3, 12) },
        2 => new JsonObject { ["type"] = "string", ["format"] = new[] { "date", "date-time", "uuid", "time" }[rng.Next(4)] },
        3 => new JsonObject { ["type"] = "string", ["pattern"] = new[] { "^[A-Z]{2}-\\d{2,4}$", "^(ab|c)+x?$", "^[^\"]{1,5}$", "\\d" }[rng.Next(4)] },
        4 => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("a", "b c", "d\"e") },
        _ => new JsonObject { ["type"] = "string", ["maxLength"] = rng.Next(0, 20) },
    };

    private static JsonObject Number(Random rng)
    {
        var s = new JsonObject { ["type"] = "number" };
        if (rng.Next(2) == 0) s[rng.Next(2) == 0 ? "minimum" : "exclusiveMinimum"] = rng.Next(-20, 5);
        if (rng.Next(2) == 0) s[rng.Next(2) == 0 ? "maximum" : "exclusiveMaximum"] = rng.Next(6, 100);
        return s;
    }

    private static JsonObject Object(Random rng, int depth, JsonObject defs)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var count = rng.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            var name = new[] { "id", "name", "tags", "nested", "välue", "a b", "q\"t" }[rng.Next(7)] + i;
            properties[name] = Node(rng, depth + 1, defs);
            if (rng.Next(2) == 0) required.Add(name);
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        switch (rng.Next(3))
        {
            case 0: schema["additionalProperties"] = false; break;
            case 1: schema["additionalProperties"] = Node(rng, 3, defs); break;
        }
        return schema;
    }

    private static JsonObject Array(Random rng, int depth, JsonObject defs)
    {
        var schema = new JsonObject { ["type"] = "array", ["items"] = Node(rng, depth + 1, defs) };
        if (rng.Next(2) == 0) schema["minItems"] = rng.Next(0, 3);
        if (rng.Next(2) == 0) schema["maxItems"] = rng.Next(3, 6);
        if (rng.Next(4) == 0) schema["prefixItems"] = new JsonArray(new JsonObject { ["type"] = "integer" });
        return schema;
    }

    private static JsonObject Ref(Random rng, int depth, JsonObject defs)
    {
        var name = "d" + defs.Count;
        defs[name] = null;
        defs[name] = Node(rng, depth + 1, defs);
        return new JsonObject { ["$ref"] = "#/$defs/" + name };
    }
}
