using System.Text.Json;

namespace Gantry.Engine.Constraints;

/// <summary>
/// The one place each kind of constraint becomes a <see cref="Grammar"/>: GBNF text, a JSON schema, any JSON object,
/// a regular expression, or a fixed list of choices. Every failure is a <see cref="ConstraintException"/> whose
/// message names the problem.
/// </summary>
public static class ConstraintGrammars
{
    public static Grammar FromGbnf(string gbnf) => Grammar.Parse(gbnf);

    public static Grammar FromJsonSchema(JsonElement schema) => CompileSchema(JsonSchemaGrammar.ToGbnf(schema));

    public static Grammar FromJsonSchema(string schemaJson) => CompileSchema(JsonSchemaGrammar.ToGbnf(schemaJson));

    /// <summary>Any JSON object (OpenAI's <c>response_format: {"type": "json_object"}</c>).</summary>
    public static Grammar AnyJsonObject() => Compile(JsonSchemaGrammar.AnyObjectGbnf());

    /// <summary>Text that the whole of <paramref name="pattern"/> matches (vLLM's <c>guided_regex</c>).</summary>
    public static Grammar FromRegex(string pattern)
    {
        var expression = RegexToGbnf.Convert(pattern, jsonString: false, out _, out _);
        return Compile($"root ::= {expression}\n");
    }

    /// <summary>Exactly one of the given texts (vLLM's <c>guided_choice</c>).</summary>
    public static Grammar FromChoices(IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count == 0) throw new SchemaException("at least one choice is needed", "#");
        return Compile("root ::= " + string.Join(" | ", choices.Select(GbnfText.Literal)) + "\n");
    }

    /// <summary>A schema whose references loop with no way out compiles to a grammar that can never finish: the schema's fault.</summary>
    private static Grammar CompileSchema(string gbnf)
    {
        try
        {
            return Grammar.Parse(gbnf);
        }
        catch (GrammarSyntaxException e) when (e.Problem.Contains("left-recursive", StringComparison.Ordinal) || e.Problem.Contains("never finish", StringComparison.Ordinal))
        {
            throw new SchemaException($"the schema's references recurse with no way to end ({e.Problem})", "#");
        }
        catch (GrammarSyntaxException e) when (!e.Problem.StartsWith("grammar too large", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"generated grammar does not compile ({e.Message}):\n{gbnf}", e);
        }
    }

    /// <summary>Generated GBNF is ours: a syntax error in it is a bug, reported with the text for diagnosis.</summary>
    private static Grammar Compile(string gbnf)
    {
        try
        {
            return Grammar.Parse(gbnf);
        }
        catch (GrammarSyntaxException e) when (e.Problem.StartsWith("grammar too large", StringComparison.Ordinal))
        {
            throw;
        }
        catch (GrammarSyntaxException e)
        {
            throw new InvalidOperationException($"generated grammar does not compile ({e.Message}):\n{gbnf}", e);
        }
    }
}
