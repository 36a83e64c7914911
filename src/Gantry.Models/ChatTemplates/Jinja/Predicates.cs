namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>Jinja tests: <c>x is defined</c>, <c>x is not none</c>, <c>x is string</c>, <c>n is divisibleby 3</c>, ...</summary>
internal static class Predicates
{
    public static bool Test(Interpreter interp, string name, object? v, CallArgs args, Scope scope)
    {
        object? Arg() => args.Positional.Count > 0 ? args.Positional[0] : args.Named.Values.FirstOrDefault();
        return name switch
        {
            "defined" => v is not Undefined,
            "undefined" => v is Undefined,
            "none" => v is null,
            "true" => v is true,
            "false" => v is false,
            "boolean" => v is bool,
            "string" => v is string or Markup,
            "number" => v is long or double,
            "integer" => v is long,
            "float" => v is double,
            "mapping" => v is OrderedDictionary<object, object?> or Namespace,
            "iterable" => v is string or Markup or List<object?> or OrderedDictionary<object, object?> or GeneratorValue,
            "sequence" => v is string or List<object?> or OrderedDictionary<object, object?>,
            "callable" => v is Macro or Builtin,
            "odd" => v is long n && n % 2 != 0,
            "even" => v is long n2 && n2 % 2 == 0,
            "divisibleby" => v is long a && Arg() is long b && b != 0 && a % b == 0,
            "lower" => v is string s && s == s.ToLowerInvariant(),
            "upper" => v is string s2 && s2 == s2.ToUpperInvariant(),
            "equalto" or "eq" or "==" or "sameas" => Values.Equals(v, Arg()) && (name != "sameas" || SameAs(v, Arg())),
            "ne" or "!=" => !Values.Equals(v, Arg()),
            "lt" or "lessthan" or "<" => Values.Compare(v, Arg()) < 0,
            "le" or "<=" => Values.Compare(v, Arg()) <= 0,
            "gt" or "greaterthan" or ">" => Values.Compare(v, Arg()) > 0,
            "ge" or ">=" => Values.Compare(v, Arg()) >= 0,
            "in" => interp.Contains(Arg(), v, args.At),
            _ => throw Interpreter.Fail(args.At, $"unknown test '{name}'"),
        };
    }

    /// <summary>Python <c>is</c>: for the singletons templates compare with (none, true, false) it is type-and-value equality.</summary>
    private static bool SameAs(object? a, object? b) => a?.GetType() == b?.GetType();
}
