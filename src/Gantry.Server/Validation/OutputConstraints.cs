using System.Text.Json;
using Gantry.Engine.Constraints;
using Gantry.Server.Protocol;

namespace Gantry.Server.Validation;

/// <summary>
/// The request fields that constrain the output, compiled to one <see cref="Grammar"/>: OpenAI's <c>response_format</c>
/// (<c>json_object</c>, <c>json_schema</c>), llama.cpp's <c>grammar</c> (GBNF) and <c>json_schema</c>, vLLM's
/// <c>guided_json</c>, <c>guided_regex</c>, <c>guided_grammar</c> and <c>guided_choice</c>. At most one may be given.
/// A schema, grammar or regex that does not compile is a 400 naming the field and the problem (the schema path, the
/// grammar's line and column, the regex offset, or the unsupported schema feature).
/// </summary>
internal static class OutputConstraints
{
    public const string InvalidSchemaCode = "invalid_json_schema";
    public const string InvalidGrammarCode = "invalid_grammar";
    public const string InvalidRegexCode = "invalid_regex";

    /// <summary>The grammar the request asks for (null: free text) and which field asked, for error messages.</summary>
    public static ApiError? Parse(GenerationFields r, out Grammar? grammar, out string? param)
    {
        grammar = null;
        param = null;
        var given = new List<string>();
        if (Present(r.ResponseFormat) && !IsText(r.ResponseFormat)) given.Add("response_format");
        if (Present(r.Grammar)) given.Add("grammar");
        if (Present(r.JsonSchema)) given.Add("json_schema");
        if (Present(r.GuidedJson)) given.Add("guided_json");
        if (Present(r.GuidedRegex)) given.Add("guided_regex");
        if (Present(r.GuidedGrammar)) given.Add("guided_grammar");
        if (Present(r.GuidedChoice)) given.Add("guided_choice");
        if (given.Count == 0) return null;
        if (given.Count > 1)
            return ApiError.Invalid(given[1], $"'{given[0]}' and '{given[1]}' both constrain the output; give only one");
        param = given[0];
        try
        {
            return param switch
            {
                "response_format" => ResponseFormat(r.ResponseFormat, out grammar),
                "grammar" => Gbnf(r.Grammar, "grammar", out grammar),
                "guided_grammar" => Gbnf(r.GuidedGrammar, "guided_grammar", out grammar),
                "json_schema" => Schema(r.JsonSchema, "json_schema", out grammar),
                "guided_json" => GuidedJson(r.GuidedJson, out grammar),
                "guided_regex" => Regex(r.GuidedRegex, out grammar),
                _ => Choices(r.GuidedChoice, out grammar),
            };
        }
        catch (ConstraintException e)
        {
            grammar = null;
            return Error(param, e);
        }
    }

    /// <summary>A compile failure as a 400 for the field that carried it.</summary>
    public static ApiError Error(string param, ConstraintException e)
    {
        var (what, code) = e switch
        {
            GrammarSyntaxException => ("grammar", InvalidGrammarCode),
            RegexSyntaxException => ("regular expression", InvalidRegexCode),
            _ => ("JSON schema", InvalidSchemaCode),
        };
        return ApiError.Invalid(param, $"Invalid {what} in '{param}': {e.Message}") with { Code = code };
    }

    private static bool Present(JsonElement e) => e.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    private static bool IsText(JsonElement format) =>
        format.ValueKind == JsonValueKind.Object && format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "text";

    private static ApiError? ResponseFormat(JsonElement format, out Grammar? grammar)
    {
        grammar = null;
        if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return ApiError.Invalid("response_format", "'response_format' must be an object with a 'type' (text, json_object or json_schema)");
        switch (type.GetString())
        {
            case "json_object":
                // llama.cpp also reads a schema here: {"type": "json_object", "schema": {...}}.
                if (format.TryGetProperty("schema", out var inline) && Present(inline)) return Schema(inline, "response_format.schema", out grammar);
                grammar = GrammarStore.GetOrCompile("json_object", ConstraintGrammars.AnyJsonObject);
                return null;
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object)
                    return ApiError.Invalid("response_format.json_schema", "'response_format.json_schema' must be an object with the 'schema' (and a 'name')");
                if (js.TryGetProperty("name", out var name) && (name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 and <= 64 }))
                    return ApiError.Invalid("response_format.json_schema.name", "'response_format.json_schema.name' must be a string of 1 to 64 characters");
                if (js.TryGetProperty("strict", out var strict) && strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    return ApiError.Invalid("response_format.json_schema.strict", "'response_format.json_schema.strict' must be a boolean");
                if (!js.TryGetProperty("schema", out var schema) || !Present(schema))
                {
                    grammar = GrammarStore.GetOrCompile("json_object", ConstraintGrammars.AnyJsonObject);
                    return null;
                }
                return Schema(schema, "response_format.json_schema.schema", out grammar);
            default:
                return ApiError.Invalid("response_format.type", $"'response_format.type' must be text, json_object or json_schema; got '{type.GetString()}'");
        }
    }

    private static ApiError? Schema(JsonElement schema, string param, out Grammar? grammar)
    {
        grammar = null;
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True))
            return ApiError.Invalid(param, $"'{param}' must be a JSON schema object") with { Code = InvalidSchemaCode };
        var text = schema.GetRawText();
        try
        {
            grammar = GrammarStore.GetOrCompile("schema\n" + text, () => ConstraintGrammars.FromJsonSchema(schema));
            return null;
        }
        catch (ConstraintException e)
        {
            return Error(param, e);
        }
    }

    private static ApiError? GuidedJson(JsonElement value, out Grammar? grammar)
    {
        grammar = null;
        if (value.ValueKind != JsonValueKind.String) return Schema(value, "guided_json", out grammar);
        try
        {
            using var doc = JsonDocument.Parse(value.GetString()!);
            return Schema(doc.RootElement.Clone(), "guided_json", out grammar);
        }
        catch (JsonException e)
        {
            return ApiError.Invalid("guided_json", "'guided_json' is a string that is not JSON: " + e.Message) with { Code = InvalidSchemaCode };
        }
    }

    private static ApiError? Gbnf(JsonElement value, string param, out Grammar? grammar)
    {
        grammar = null;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            return ApiError.Invalid(param, $"'{param}' must be a non-empty string of GBNF rules");
        grammar = GrammarStore.GetOrCompile("gbnf\n" + text, () => ConstraintGrammars.FromGbnf(text));
        return null;
    }

    private static ApiError? Regex(JsonElement value, out Grammar? grammar)
    {
        grammar = null;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } pattern)
            return ApiError.Invalid("guided_regex", "'guided_regex' must be a non-empty string");
        grammar = GrammarStore.GetOrCompile("regex\n" + pattern, () => ConstraintGrammars.FromRegex(pattern));
        return null;
    }

    private static ApiError? Choices(JsonElement value, out Grammar? grammar)
    {
        grammar = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            return ApiError.Invalid("guided_choice", "'guided_choice' must be a non-empty array of strings");
        var choices = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } s)
                return ApiError.Invalid("guided_choice", "'guided_choice' must hold only non-empty strings");
            choices.Add(s);
        }
        grammar = GrammarStore.GetOrCompile("choice\n" + string.Join('\0', choices), () => ConstraintGrammars.FromChoices(choices));
        return null;
    }
}
