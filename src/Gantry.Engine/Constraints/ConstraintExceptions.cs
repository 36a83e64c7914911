namespace Gantry.Engine.Constraints;

/// <summary>
/// A grammar, JSON schema or regular expression that cannot be turned into a constraint. The message names the
/// problem precisely (line and column, schema path or pattern offset) so the server can return it in a 400 as is.
/// </summary>
public abstract class ConstraintException(string message) : Exception(message);

/// <summary>A GBNF grammar that does not parse or cannot be matched (undefined rule, left recursion, ...).</summary>
public sealed class GrammarSyntaxException(string problem, int line, int column)
    : ConstraintException($"grammar error at line {line}, column {column}: {problem}")
{
    public string Problem { get; } = problem;

    /// <summary>1-based line of the offending text.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column (in UTF-16 code units) of the offending text.</summary>
    public int Column { get; } = column;
}

/// <summary>A JSON schema that is invalid or asks for something the constraint compiler cannot express.</summary>
public class SchemaException(string problem, string path)
    : ConstraintException($"json schema error at {path}: {problem}")
{
    public string Problem { get; } = problem;

    /// <summary>JSON pointer of the offending schema node, as a URI fragment ("#/properties/age/minimum").</summary>
    public string Path { get; } = path;
}

/// <summary>A valid JSON Schema keyword the compiler does not support; named, never silently ignored.</summary>
public sealed class UnsupportedSchemaFeatureException(string feature, string path, string? detail = null)
    : SchemaException($"'{feature}' is not supported{(detail is null ? "" : ": " + detail)}", path)
{
    /// <summary>The keyword or keyword value ("uniqueItems", "format: hostname").</summary>
    public string Feature { get; } = feature;
}

/// <summary>A regular expression that does not parse or uses a feature a grammar cannot express (backreferences, lookaround).</summary>
public sealed class RegexSyntaxException(string problem, string pattern, int position)
    : ConstraintException($"regex error at offset {position} of '{pattern}': {problem}")
{
    public string Problem { get; } = problem;

    /// <summary>0-based offset (UTF-16 code units) of the offending character.</summary>
    public int Position { get; } = position;
}
