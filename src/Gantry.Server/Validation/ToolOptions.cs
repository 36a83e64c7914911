using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gantry.Engine.Constraints;
using Gantry.Server.Catalog;
using Gantry.Server.Protocol;
using Gantry.Server.Tools;

namespace Gantry.Server.Validation;

/// <summary>
/// Validates a chat request's <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> and decides how the reply
/// is read: <c>none</c> (or no tools) reads none; <c>auto</c> (the default with tools) parses the model's own syntax,
/// chosen from its template; <c>required</c> or a named function constrains the reply to calls whose arguments follow
/// the function's parameter schema (so they always parse). The tools go to the chat template unless the choice is <c>none</c>.
/// </summary>
internal static partial class ToolOptions
{
    public const int MaxTools = 128;

    /// <param name="plan">Null when no tool calls are read.</param>
    /// <param name="templateTools">What the template's <c>tools</c> variable gets; null for none.</param>
    /// <param name="grammar">The call constraint for <c>required</c> or a named function; else null.</param>
    public static ApiError? Parse(ChatCompletionRequest r, ServedModel model, out ToolPlan? plan, out JsonArray? templateTools, out Grammar? grammar)
    {
        plan = null;
        templateTools = null;
        grammar = null;
        var hasTools = r.Tools.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        if (Choice(r.ToolChoice, out var choice, out var named) is { } choiceError) return choiceError;
        if (!hasTools)
            return choice is "required" || named is not null ? ApiError.Invalid("tool_choice", $"'tool_choice' {(named is null ? "required" : "naming a function")} needs 'tools'") : null;
        if (Functions(r.Tools, out var functions) is { } toolsError) return toolsError;
        if (named is not null && !functions.Any(f => f.Name == named))
            return ApiError.Invalid("tool_choice.function.name", $"'tool_choice' names the function '{named}', which is not in 'tools'");
        if (choice == "none") return null;
        var parallel = r.ParallelToolCalls ?? true;
        templateTools = (JsonArray)JsonNode.Parse(r.Tools.GetRawText())!;
        if (choice == "auto")
        {
            plan = new ToolPlan(ToolMode.Auto, model.Chat.ToolFormat, parallel);
            return null;
        }
        var callable = named is null ? functions : functions.Where(f => f.Name == named).ToList();
        for (var i = 0; i < functions.Count; i++)
        {
            if (!callable.Contains(functions[i]) || functions[i].Parameters is not { } parameters) continue;
            try
            {
                JsonSchemaGrammar.ToGbnf(parameters.ToJsonString());
            }
            catch (ConstraintException e)
            {
                return OutputConstraints.Error($"tools[{i}].function.parameters", e);
            }
        }
        var key = $"tools\n{parallel}\n{named}\n{r.Tools.GetRawText()}";
        try
        {
            grammar = GrammarStore.GetOrCompile(key, () =>
                ConstraintGrammars.FromJsonSchema(ToolCallSchema.Build(callable.Select(f => (f.Name, f.Parameters)).ToList(), parallel).ToJsonString()));
        }
        catch (ConstraintException e)
        {
            return OutputConstraints.Error("tools", e);
        }
        plan = new ToolPlan(ToolMode.Forced, model.Chat.ToolFormat, parallel);
        return null;
    }

    private sealed record Function(string Name, JsonNode? Parameters);

    private static ApiError? Choice(JsonElement value, out string choice, out string? named)
    {
        choice = "auto";
        named = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String when value.GetString() is "none" or "auto" or "required":
                choice = value.GetString()!;
                return null;
            case JsonValueKind.Object:
                if (!value.TryGetProperty("function", out var f) || f.ValueKind != JsonValueKind.Object
                    || !f.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString() is not { Length: > 0 } name)
                    return ApiError.Invalid("tool_choice", "'tool_choice' must be none, auto, required or {\"type\": \"function\", \"function\": {\"name\": …}}");
                if (value.TryGetProperty("type", out var t) && (t.ValueKind != JsonValueKind.String || t.GetString() != "function"))
                    return ApiError.Invalid("tool_choice.type", "'tool_choice.type' must be 'function'");
                choice = "named";
                named = name;
                return null;
            default:
                return ApiError.Invalid("tool_choice", "'tool_choice' must be none, auto, required or {\"type\": \"function\", \"function\": {\"name\": …}}");
        }
    }

    private static ApiError? Functions(JsonElement tools, out List<Function> functions)
    {
        functions = [];
        if (tools.ValueKind != JsonValueKind.Array) return ApiError.Invalid("tools", "'tools' must be an array of function tools");
        if (tools.GetArrayLength() == 0) return ApiError.Invalid("tools", "'tools' must hold at least one tool (omit it for none)");
        if (tools.GetArrayLength() > MaxTools) return ApiError.Invalid("tools", $"'tools' may hold at most {MaxTools} tools");
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var p = $"tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object) return ApiError.Invalid(p, $"'{p}' must be an object");
            if (!tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function")
                return ApiError.Invalid(p + ".type", $"'{p}.type' must be 'function'");
            if (!tool.TryGetProperty("function", out var f) || f.ValueKind != JsonValueKind.Object)
                return ApiError.Invalid(p + ".function", $"'{p}.function' must be an object with a 'name'");
            if (!f.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString() is not { } name || !NamePattern().IsMatch(name))
                return ApiError.Invalid(p + ".function.name", $"'{p}.function.name' must be 1 to 64 letters, digits, underscores or dashes");
            if (functions.Any(x => x.Name == name)) return ApiError.Invalid(p + ".function.name", $"the function name '{name}' appears twice in 'tools'");
            if (f.TryGetProperty("description", out var d) && d.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return ApiError.Invalid(p + ".function.description", $"'{p}.function.description' must be a string");
            JsonNode? parameters = null;
            if (f.TryGetProperty("parameters", out var schema) && schema.ValueKind != JsonValueKind.Null)
            {
                if (schema.ValueKind != JsonValueKind.Object)
                    return ApiError.Invalid(p + ".function.parameters", $"'{p}.function.parameters' must be a JSON schema object") with { Code = OutputConstraints.InvalidSchemaCode };
                parameters = JsonNode.Parse(schema.GetRawText());
            }
            functions.Add(new Function(name, parameters));
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
